// A save refused because someone saved first: the summary at the top of the form takes the focus,
// so it is in view (and read out) rather than below the fold.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const refusal = document.getElementById("stale-refusal");
  if (refusal) refusal.focus();
});
