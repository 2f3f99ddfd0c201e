// Herald's web UI works without this script; it adds live run updates, filtering and checks as you type.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Ask before destructive buttons (the server refuses what is unsafe either way).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // A result the user just asked for (a query preview) comes into view with the keyboard's focus on it, so a screen
  // reader reads it and Tab continues from there rather than from the top of the page.
  var asked = document.querySelector("[data-focus-on-load]");
  if (asked) {
    asked.scrollIntoView({ block: "start" });
    asked.focus({ preventScroll: true });
  }

  // Filter a list of choices as the user types (the destination form's plugins).
  document.querySelectorAll("input[data-filter-list]").forEach(function (input) {
    var list = document.getElementById(input.dataset.filterList);
    var none = document.getElementById(input.dataset.emptyMessage);
    if (!list) return;
    input.addEventListener("input", function () {
      var term = input.value.trim().toLowerCase();
      var shown = 0;
      list.querySelectorAll("[data-filter-text]").forEach(function (item) {
        var match = item.dataset.filterText.toLowerCase().indexOf(term) !== -1;
        item.hidden = !match;
        if (match) shown++;
      });
      if (none) none.hidden = shown > 0;
    });
  });

  // Check the destination's names against Insider One's rules as the user types; the server decides on save.
  document.querySelectorAll("form[data-destination-form]").forEach(function (form) {
    var url = form.dataset.rulesUrl;
    form.querySelectorAll("input[data-rule]").forEach(function (input) {
      var rule = input.dataset.rule;
      var live = document.getElementById(input.id + "-live");
      var counter = input.dataset.counter ? document.getElementById(input.dataset.counter) : null;
      var timer = null;
      var check = function () {
        if (counter) {
          counter.textContent = input.value.length + " / " + input.dataset.max;
          counter.classList.toggle("over", input.value.length > Number(input.dataset.max));
        }
        if (input.value === "") {
          if (live) { live.textContent = ""; live.className = "live-check"; }
          return;
        }
        fetch(url + "?" + rule + "=" + encodeURIComponent(input.value), { headers: { "X-Requested-With": "XMLHttpRequest" } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (result) {
            if (!result || !live) return;
            var problems = result[rule] || [];
            live.className = "live-check " + (problems.length ? "fail" : "pass");
            live.textContent = problems.length ? problems.join(" ")
              : "Fits Insider One's rules." + (rule === "attributeName" && result.attributeHint ? " " + result.attributeHint : "");
            input.setAttribute("aria-invalid", problems.length ? "true" : "false");
          })
          .catch(function () { /* the check on save still applies */ });
      };
      var serverErrors = document.getElementById(input.id + "-error");
      input.addEventListener("input", function () {
        // What the user types now supersedes the problems found when the form was last sent.
        if (serverErrors) serverErrors.hidden = true;
        clearTimeout(timer);
        timer = setTimeout(check, 150);
      });
      var hasServerErrors = serverErrors && serverErrors.textContent.trim() !== "";
      if (input.value !== "" && !input.readOnly && !hasServerErrors) check();
      else if (counter) counter.textContent = input.value.length + " / " + input.dataset.max;
    });
  });

  // Live updates change only the nodes that changed, so that keyboard focus, open details and the place of the
  // buttons stay as they are, and a screen reader announces only the state line that changed.
  function morph(current, next) {
    if (current.nodeType !== next.nodeType || current.nodeName !== next.nodeName) {
      current.parentNode.replaceChild(next.cloneNode(true), current);
      return;
    }
    if (current.nodeType === Node.TEXT_NODE || current.nodeType === Node.COMMENT_NODE) {
      if (current.nodeValue !== next.nodeValue) current.nodeValue = next.nodeValue;
      return;
    }
    if (current.nodeType !== Node.ELEMENT_NODE) return;
    Array.prototype.slice.call(current.attributes).forEach(function (attribute) {
      // Whether a details element is open is the reader's choice, not the server's.
      if (attribute.name !== "open" && !next.hasAttribute(attribute.name)) current.removeAttribute(attribute.name);
    });
    Array.prototype.forEach.call(next.attributes, function (attribute) {
      if (attribute.name !== "open" && current.getAttribute(attribute.name) !== attribute.value) current.setAttribute(attribute.name, attribute.value);
    });
    morphChildren(current, next);
  }

  function morphChildren(current, next) {
    var wanted = next.childNodes;
    for (var i = 0; i < wanted.length; i++) {
      if (i < current.childNodes.length) morph(current.childNodes[i], wanted[i]);
      else current.appendChild(wanted[i].cloneNode(true));
    }
    while (current.childNodes.length > wanted.length) current.removeChild(current.lastChild);
  }

  // A run in flight updates itself: the changing part of the page is fetched again every second.
  var live = document.getElementById("run-live");
  if (live && live.dataset.liveUrl && live.dataset.final !== "true") {
    var busy = false;
    var poll = window.setInterval(function () {
      if (busy) return;
      busy = true;
      fetch(live.dataset.liveUrl, { headers: { "X-Requested-With": "XMLHttpRequest" }, cache: "no-store" })
        .then(function (response) {
          if (response.status === 401) { window.location.reload(); return null; }
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (!html) return;
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var root = holder.querySelector("[data-final]");
          if (!root) return;
          morphChildren(live, root);
          if (root.dataset.final === "true") {
            live.dataset.final = "true";
            window.clearInterval(poll);
          }
        })
        .catch(function () { /* try again on the next tick */ })
        .then(function () { busy = false; });
    }, 1000);
  }
})();
