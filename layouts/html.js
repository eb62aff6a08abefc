/* The interactive toolkit: collapsible sections, a search that filters the parts as you type,
   and checklists. The page is complete without this script; it only adds to it. */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  var STORE_PREFIX = "social-media-toolkit:";
  root.classList.add("js");

  /* Storage can be missing or refused (private windows, some email viewers): then nothing is
     remembered, and everything else still works. */
  function store(kind) {
    try {
      var s = window[kind];
      s.setItem(STORE_PREFIX + "test", "1");
      s.removeItem(STORE_PREFIX + "test");
      return s;
    } catch (e) {
      return null;
    }
  }
  var local = store("localStorage");
  var session = store("sessionStorage");
  var searching = false;

  function readList(storage, key) {
    if (!storage) return [];
    try {
      var value = JSON.parse(storage.getItem(STORE_PREFIX + key) || "[]");
      return Array.isArray(value) ? value : [];
    } catch (e) {
      return [];
    }
  }

  function writeList(storage, key, list) {
    if (!storage) return;
    try {
      storage.setItem(STORE_PREFIX + key, JSON.stringify(list));
    } catch (e) {
      /* full or refused: forget quietly */
    }
  }

  function each(selector, scope, callback) {
    Array.prototype.forEach.call((scope || doc).querySelectorAll(selector), callback);
  }

  /* ---- collapsible sections --------------------------------------------------------------- */

  var sections = Array.prototype.slice.call(doc.querySelectorAll(".section"));
  var findable = "onbeforematch" in doc.body; // find-in-page can open a closed section
  var OPEN_KEY = "open-sections";

  function toggleOf(section) {
    return section.querySelector(".section-toggle");
  }

  function bodyOf(section) {
    return section.querySelector(".section-body");
  }

  function isOpen(section) {
    return toggleOf(section).getAttribute("aria-expanded") === "true";
  }

  function setOpen(section, open) {
    toggleOf(section).setAttribute("aria-expanded", open ? "true" : "false");
    var body = bodyOf(section);
    if (open) body.removeAttribute("hidden");
    else body.setAttribute("hidden", findable ? "until-found" : "");
  }

  function rememberOpen() {
    if (searching) return; // a search opens sections for the moment only
    writeList(
      session,
      OPEN_KEY,
      sections.filter(isOpen).map(function (s) { return s.getAttribute("data-section"); })
    );
    updateShowAll();
  }

  function makeToggle(section) {
    var heading = section.querySelector("h2");
    var body = bodyOf(section);
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "section-toggle";
    button.setAttribute("aria-controls", body.id);
    var text = doc.createElement("span");
    text.className = "toggle-text";
    while (heading.firstChild) text.appendChild(heading.firstChild);
    var icon = doc.createElement("span");
    icon.className = "toggle-icon";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(text);
    button.appendChild(icon);
    heading.appendChild(button);
    button.addEventListener("click", function () {
      setOpen(section, !isOpen(section));
      rememberOpen();
    });
    body.addEventListener("beforematch", function () {
      setOpen(section, true);
      rememberOpen();
    });
  }

  var showAll = doc.createElement("button");
  showAll.type = "button";
  showAll.className = "show-all";

  function updateShowAll() {
    var allOpen = sections.every(isOpen);
    showAll.textContent = allOpen ? "Hide all sections" : "Show all sections";
    showAll.setAttribute("aria-expanded", allOpen ? "true" : "false");
  }

  if (sections.length) {
    var opened = readList(session, OPEN_KEY);
    sections.forEach(function (section) {
      makeToggle(section);
      setOpen(section, opened.indexOf(section.getAttribute("data-section")) !== -1);
    });
    sections[0].parentNode.insertBefore(showAll, sections[0]);
    showAll.addEventListener("click", function () {
      var open = !sections.every(isOpen);
      sections.forEach(function (section) { setOpen(section, open); });
      rememberOpen();
    });
    updateShowAll();
  }

  /* A link to a place inside a closed section opens that section first. */
  function reveal(id) {
    var target = id && doc.getElementById(id);
    if (!target) return null;
    if (target.closest(".is-filtered-out")) clearSearch();
    var section = target.closest(".section");
    if (section && !isOpen(section)) {
      setOpen(section, true);
      rememberOpen();
    }
    return target;
  }

  function idFromHash(hash) {
    try {
      return decodeURIComponent(hash.replace(/^#/, ""));
    } catch (e) {
      return "";
    }
  }

  doc.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) reveal(idFromHash(link.getAttribute("href")));
  });
  window.addEventListener("hashchange", function () {
    var target = reveal(idFromHash(location.hash));
    if (target) target.scrollIntoView();
  });
  if (location.hash) {
    var first = reveal(idFromHash(location.hash));
    if (first) first.scrollIntoView();
  }

  /* ---- contents: on a narrow screen it starts closed, as the sections below repeat it ------ */

  function setUpContents() {
    var heading = doc.getElementById("contents-heading");
    var list = doc.getElementById("contents-list");
    if (!heading || !list || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 62em)");
    var label = heading.textContent;
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "contents-toggle";
    button.setAttribute("aria-controls", list.id);
    var text = doc.createElement("span");
    text.textContent = label;
    var icon = doc.createElement("span");
    icon.className = "toggle-icon";
    icon.setAttribute("aria-hidden", "true");
    button.appendChild(text);
    button.appendChild(icon);

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      list.hidden = !open;
    }

    function fit() {
      if (wide.matches) {
        heading.textContent = label;
        list.hidden = false;
      } else {
        heading.textContent = "";
        heading.appendChild(button);
        setOpen(false);
      }
    }

    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    fit();
    if (wide.addEventListener) wide.addEventListener("change", fit);
  }

  setUpContents();

  /* ---- search: show only the parts that contain every word -------------------------------- */

  var form = doc.getElementById("search");
  var input = doc.getElementById("search-input");
  var status = doc.getElementById("search-status");
  var statusTimer = 0;
  var parts = [];
  var highlights = window.CSS && CSS.highlights && window.Highlight ? CSS.highlights : null;

  function normalise(text) {
    return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ");
  }

  function indexParts() {
    parts = [];
    sections.forEach(function (section) {
      var title = normalise(toggleOf(section).textContent);
      each(".part", section, function (part) {
        parts.push({ section: section, part: part, title: title, text: normalise(part.textContent) });
      });
    });
  }

  function containsAll(text, words) {
    return words.every(function (word) { return text.indexOf(word) !== -1; });
  }

  function say(message) {
    clearTimeout(statusTimer);
    // Wait for a pause in typing, so a screen reader is not interrupted by every letter.
    statusTimer = setTimeout(function () { status.textContent = message; }, 500);
  }

  function highlight(words) {
    if (!highlights) return;
    highlights.delete("search-match");
    if (!words.length) return;
    var ranges = [];
    parts.forEach(function (entry) {
      if (entry.part.classList.contains("is-filtered-out")) return;
      var walker = doc.createTreeWalker(entry.part, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var text = node.nodeValue.toLowerCase();
        words.forEach(function (word) {
          for (var at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
            var range = new Range();
            range.setStart(node, at);
            range.setEnd(node, at + word.length);
            ranges.push(range);
          }
        });
      }
    });
    highlights.set("search-match", new Highlight(...ranges));
  }

  function filter(query) {
    var words = normalise(query).trim().split(" ").filter(Boolean);
    searching = words.length > 0;
    var matches = 0;
    var shown = new Set();
    parts.forEach(function (entry) {
      var match = !searching || containsAll(entry.title + " " + entry.text, words);
      entry.part.classList.toggle("is-filtered-out", !match);
      if (match) {
        matches += 1;
        shown.add(entry.section);
      }
    });
    sections.forEach(function (section) {
      section.classList.toggle("is-filtered-out", searching && !shown.has(section));
    });
    showAll.classList.toggle("is-filtered-out", searching);
    if (searching) {
      sections.forEach(function (section) { if (shown.has(section)) setOpen(section, true); });
      say(
        matches === 0
          ? "Nothing matches \u201c" + query.trim() + "\u201d. Try another word."
          : matches + (matches === 1 ? " part matches" : " parts match") + " \u201c" + query.trim() + "\u201d."
      );
    } else {
      var opened = readList(session, OPEN_KEY);
      sections.forEach(function (section) {
        setOpen(section, opened.indexOf(section.getAttribute("data-section")) !== -1);
      });
      say("");
    }
    highlight(searching ? words : []);
  }

  function clearSearch() {
    if (!searching) return;
    input.value = "";
    filter("");
  }

  if (form && sections.length) {
    indexParts();
    form.hidden = false;
    input.addEventListener("input", function () { filter(input.value); });
    input.addEventListener("search", function () { filter(input.value); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      filter(input.value);
    });
  }

  /* ---- checklists ------------------------------------------------------------------------- */

  function setUpChecklist(list) {
    var key = "ticks:" + list.getAttribute("data-checklist");
    var remember = list.hasAttribute("data-remember");
    var boxes = Array.prototype.slice.call(list.querySelectorAll(".check-box"));
    var tools = doc.createElement("div");
    tools.className = "checklist-tools";
    var progress = doc.createElement("p");
    progress.className = "checklist-progress";
    progress.setAttribute("role", "status");
    var clear = doc.createElement("button");
    clear.type = "button";
    clear.className = "button-secondary";
    clear.textContent = "Clear all ticks";
    tools.appendChild(progress);
    tools.appendChild(clear);
    if (remember && local) {
      var note = doc.createElement("p");
      note.className = "checklist-note";
      note.textContent = "Your ticks are saved in this browser, on this device only.";
      tools.appendChild(note);
    }
    list.appendChild(tools);

    function update(save) {
      var done = boxes.filter(function (box) { return box.checked; });
      progress.textContent = done.length + " of " + boxes.length + " done";
      if (save && remember) {
        writeList(local, key, done.map(function (box) { return box.getAttribute("data-item"); }));
      }
    }

    var saved = remember ? readList(local, key) : [];
    boxes.forEach(function (box) {
      box.checked = saved.indexOf(box.getAttribute("data-item")) !== -1;
      box.addEventListener("change", function () { update(true); });
    });
    clear.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      update(true);
    });
    update(false);
  }

  each(".checklist", doc, setUpChecklist);

  /* ---- tables: only a table wider than the screen needs to be a tab stop ------------------ */

  function markScrollable(wrapper) {
    if (wrapper.scrollWidth > wrapper.clientWidth + 1) wrapper.setAttribute("tabindex", "0");
    else wrapper.removeAttribute("tabindex");
  }

  if (window.ResizeObserver) {
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) { markScrollable(entry.target); });
    });
    each(".table-scroll", doc, function (wrapper) { observer.observe(wrapper); });
  }
})();
