// The insurance form: when a payer the center may not take is chosen (Medi-Cal, Medicare), show at
// once its note (server-rendered, in an aria-live region) saying what the center accepts.
(function () {
  "use strict";
  var select = document.getElementById("id_carrier");
  var notes = document.querySelectorAll(".payer-note[data-payer]");
  if (!select || !notes.length) {
    return;
  }
  function showChosen() {
    notes.forEach(function (note) {
      note.hidden = note.getAttribute("data-payer") !== select.value;
    });
  }
  select.addEventListener("change", showChosen);
  // A page brought back from history keeps its chosen value: show its note too.
  window.addEventListener("pageshow", showChosen);
})();
