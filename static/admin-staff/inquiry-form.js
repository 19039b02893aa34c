// The inquiry's admin form. On Add inquiry: a phone or e-mail address already on an open inquiry is
// said beside the field while it is typed (the server answers with numbers and statuses only, and is
// asked by POST, so what was typed stays out of addresses and logs). On both forms: the referring
// person's list shows only the people of the chosen referral source.
"use strict";
(function () {
  const pending = new WeakMap();
  const asked = new WeakMap();

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function complete(input) {
    const value = input.value.trim();
    if (input.name === "email") return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
    return (value.match(/\d/g) || []).length >= 10;
  }

  // The place the warning is said, there (and announced politely) before anything is typed.
  function warningOf(input) {
    const id = input.id + "-duplicates";
    let warning = document.getElementById(id);
    if (!warning) {
      warning = document.createElement("p");
      warning.id = id;
      warning.className = "duplicate-warning";
      warning.setAttribute("aria-live", "polite");
      (input.closest(".flex-container") || input).after(warning);
      const described = input.getAttribute("aria-describedby");
      input.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    return warning;
  }

  function show(warning, found) {
    warning.replaceChildren();
    if (!found.matches.length) return;
    warning.append(found.message, " ");
    found.matches.forEach((match, index) => {
      const link = document.createElement("a");
      link.href = match.url;
      link.textContent = "#" + match.number;
      warning.append(index ? ", " : "", link, " (" + match.status + ")");
    });
  }

  async function check(input) {
    const value = input.value.trim();
    const warning = warningOf(input);
    if (!complete(input)) {
      asked.delete(input);
      warning.replaceChildren();
      return;
    }
    if (asked.get(input) === value) return;
    asked.set(input, value);
    const response = await fetch(input.dataset.duplicateCheck, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken() },
      body: new URLSearchParams({ [input.name]: value }),
      credentials: "same-origin",
    });
    if (!response.ok || input.value.trim() !== value) return; // typed on since: a newer answer follows
    show(warning, (await response.json())[input.name]);
  }

  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!input.matches("input[data-duplicate-check]")) return;
    clearTimeout(pending.get(input));
    pending.set(input, setTimeout(() => check(input), 300));
  });

  function narrowReferringPeople(source, person) {
    const everyone = Array.from(person.options, (option) => option.cloneNode(true));
    function narrow() {
      // One added with the "+" button since the page was drawn is kept too.
      for (const option of person.options) {
        if (!everyone.some((known) => known.value === option.value)) everyone.push(option.cloneNode(true));
      }
      const chosen = person.value;
      const fits = everyone.filter((o) => !o.value || !o.dataset.source || o.dataset.source === source.value);
      person.replaceChildren(...fits.map((option) => option.cloneNode(true)));
      person.value = fits.some((option) => option.value === chosen) ? chosen : "";
    }
    source.addEventListener("change", narrow);
    narrow();
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const input of document.querySelectorAll("input[data-duplicate-check]")) {
      warningOf(input);
      if (input.value) check(input); // a form shown again after an error
    }
    const source = document.getElementById("id_referral_source");
    const person = document.getElementById("id_referral_contact");
    if (source && person) narrowReferringPeople(source, person);
  });
})();
