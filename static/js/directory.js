// Progressive enhancement: show "Imprimer la page" only when the browser can run it.
document.querySelectorAll(".js-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
