// Sanctio analyst UI: small progressive enhancements; every page works without them.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // Move focus to a form's error summary so keyboard and screen-reader users hear it first.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  // Buttons that print the page (the evidence report).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // Forms that ask before doing something that cannot be undone.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });
});
