"""Developer sessions: `nox -s build` builds every output, `nox -s tests` runs the tests."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_venv = "yes"


def system_packages(session: nox.Session, profile: str) -> None:
    """Install the Debian packages this session needs, if any are missing."""
    session.run("bash", ".ci/system-packages", profile, external=True)


@nox.session
def build(session: nox.Session) -> None:
    """Build every output from content/ into output/ (arguments go to `toolkit build`)."""
    system_packages(session, "build")
    session.install("-q", "-e", ".")
    session.run("toolkit", "build", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (arguments go to pytest)."""
    system_packages(session, "tests")
    session.install("-q", "-e", ".[test]")
    session.run("pytest", "-n", "auto", "--dist", "loadfile", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check the code with ruff."""
    session.install("-q", "ruff>=0.17")
    session.run("ruff", "check", "pipeline", "tests", "noxfile.py")
    session.run("ruff", "format", "--check", "pipeline", "tests", "noxfile.py")


@nox.session
def bench(session: nox.Session) -> None:
    """Measure build times against the targets, the pandoc route and the Typst route (a reference
    row: Typst and a pandoc with a Typst writer come from PyPI); writes docs/benchmarks.md."""
    system_packages(session, "bench")
    session.install("-q", "-e", ".", "typst>=0.14", "pypandoc-binary>=1.13")
    session.run("python", "benchmarks/run.py", *session.posargs)
