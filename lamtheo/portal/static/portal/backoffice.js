// Moderation queue: a "select all" box ticks every comment box named in data-check-all.
document.addEventListener("change", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("[data-check-all]")) { return; }
  document.querySelectorAll('input[name="' + box.dataset.checkAll + '"]').forEach(function (other) {
    other.checked = box.checked;
  });
});
