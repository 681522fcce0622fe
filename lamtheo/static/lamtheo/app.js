// lamtheo: small behaviours on top of htmx. No inline scripts anywhere, so a strict CSP can hold.
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-lt-expand]");
  if (!button) return;
  const target = document.querySelector(button.getAttribute("hx-target"));
  if (!target) return;
  if (button.dataset.loaded === "1") {
    // Children already loaded by htmx: just fold or unfold them.
    target.hidden = !target.hidden;
  } else {
    button.dataset.loaded = "1";
  }
  const open = !target.hidden;
  button.textContent = open ? "▾" : "▸";
  button.setAttribute("aria-expanded", open ? "true" : "false");
});
