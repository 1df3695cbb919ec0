// Progressive enhancement shared by every page; each page works without it.
(function () {
  "use strict";

  // After a form error, move the focus to the error summary (RGAA 11.10, 11.11): screen
  // readers announce it and keyboard users start from the list of errors.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }

  // A filter box above long lists of checkboxes grouped by theme (the needs of a request).
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.querySelectorAll(".grouped-choices[data-filter-label]").forEach(function (list, n) {
    var id = "filtre-choix-" + n;
    var wrapper = document.createElement("div");
    wrapper.className = "field grouped-choices__filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = list.dataset.filterLabel;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "hint";
    status.setAttribute("role", "status");
    wrapper.append(label, input, status);
    list.parentNode.insertBefore(wrapper, list);
    input.addEventListener("input", function () {
      var wanted = plain(input.value.trim());
      var shown = 0;
      list.querySelectorAll(".grouped-choices__group").forEach(function (group) {
        var groupShown = 0;
        var groupMatches = wanted && plain(group.querySelector("legend").textContent).includes(wanted);
        group.querySelectorAll(".grouped-choices__option").forEach(function (option) {
          var box = option.querySelector("input");
          var visible = !wanted || groupMatches || box.checked || plain(option.textContent).includes(wanted);
          option.hidden = !visible;
          if (visible) { groupShown += 1; }
        });
        group.hidden = groupShown === 0;
        shown += groupShown;
      });
      status.textContent = wanted ? shown + (shown > 1 ? " besoins affichés" : " besoin affiché") : "";
    });
    // Enter in the filter must not send the form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
  });
})();
