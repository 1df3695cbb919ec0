// Progressive enhancement: "Imprimer la page" is a link to how to print (Ctrl+P); with
// JavaScript it opens the browser's print dialog directly.
document.querySelectorAll(".js-print").forEach(function (link) {
  link.setAttribute("role", "button");
  link.addEventListener("click", function (event) {
    event.preventDefault();
    window.print();
  });
});
