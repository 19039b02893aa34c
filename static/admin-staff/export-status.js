// The page of an export being prepared looks again by itself, updating only its state (announced
// politely), never reloading the page: focus and scroll stay where the person left them. It stops
// after ten minutes, so an unattended page does not keep a staff session alive; "Check again" stays.
(function () {
  "use strict";
  var region = document.getElementById("export-state");
  if (!region || region.getAttribute("data-preparing") !== "yes") {
    return;
  }
  var seconds = Number(region.getAttribute("data-look-again-seconds")) || 5;
  var stopAt = Date.now() + 10 * 60 * 1000;

  function schedule() {
    if (Date.now() < stopAt) {
      window.setTimeout(look, seconds * 1000);
    }
  }

  function look() {
    fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok || response.redirected) {
          throw new Error("not the export's page");
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("export-state");
        if (fresh && fresh.innerHTML !== region.innerHTML) {
          // Focus inside the part replaced would fall to the page's top: it moves to what replaced it.
          var hadFocus = region.contains(document.activeElement);
          region.innerHTML = fresh.innerHTML;
          var first = region.querySelector("a, button");
          if (hadFocus && first) {
            first.focus();
          }
        }
        if (fresh && fresh.getAttribute("data-preparing") === "yes") {
          schedule();
        }
      })
      .catch(schedule);
  }

  schedule();
})();
