// Progressive enhancement only: every page works without this file.
// 1. A "send" button is disabled once pressed, so a double tap sends once
//    (the server also stores one response per draft, whatever arrives).
// 2. After a failed submit, focus moves to the error summary for screen readers.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || !button.hasAttribute("data-once")) return;
      window.setTimeout(function () { button.disabled = true; }, 0);
      var carry = document.createElement("input");
      carry.type = "hidden";
      carry.name = button.name;
      carry.value = button.value;
      form.appendChild(carry);
    });
  });
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});
