// The pre-admission screen: a section saves without reloading the page. The form is sent as it
// would be without this script; the page that comes back gives the section (saved, or with its
// errors) and the alerts at the top (the crisis card, the detox flag, the level). If the connection
// drops, nothing on the page changes but the section's note: what was typed stays to save again. If
// the session has ended (or the token was refused after signing in again elsewhere), the note says
// so; staff/kept-text.js keeps what was typed through the sign-in, and the next save asks the page
// for a fresh token first.
"use strict";
(function () {
  const page = document.querySelector("[data-screen]");
  if (!page || !window.fetch || !window.DOMParser) return;
  const announcer = document.getElementById("screen-announcer");

  function say(section, text, isError) {
    const status = section.querySelector("[data-status]");
    if (status) {
      status.textContent = text;
      status.classList.toggle("is-error", Boolean(isError));
    }
    if (announcer) announcer.textContent = text;
  }

  // A substance's details are shown once it is ticked (or when they hold something): six substances'
  // empty boxes are a long way to scroll during a call. Without this script every box shows.
  function foldSubstance(group) {
    const used = group.querySelector("input[name$='_used']");
    if (!used) return;
    const fields = [...group.querySelectorAll(".screen-field")].filter((field) => !field.contains(used));
    const filled = fields.some((field) =>
      [...field.querySelectorAll("input, select")].some((box) => (box.type === "checkbox" ? box.checked : box.value)),
    );
    for (const field of fields) field.hidden = !used.checked && !filled;
  }

  // "Was this within the past 3 months?" is asked after a yes only (or when it is in error).
  function foldRecency(question) {
    const recent = question.querySelector("input[name$='_recent']");
    if (!recent) return;
    const box = recent.closest(".screen-field");
    const yes = question.querySelector(`input[name='${recent.name.replace(/_recent$/, "")}'][value=yes]`);
    box.hidden = !(yes && yes.checked) && !box.classList.contains("has-error");
  }

  function foldAll(root) {
    for (const group of root.querySelectorAll(".screen-group")) foldSubstance(group);
    for (const question of root.querySelectorAll(".screen-question")) foldRecency(question);
  }

  foldAll(page);
  page.addEventListener("change", (event) => {
    if (event.target.matches("input[name$='_used']")) foldSubstance(event.target.closest(".screen-group"));
    if (event.target.closest(".screen-question")) foldRecency(event.target.closest(".screen-question"));
  });

  // Set when a save met an ended session or a refused token: signing in again (in another tab) gives a
  // new CSRF token, which the page's forms do not have. The cookie is not readable (HttpOnly): the
  // page is asked again for it before the next save.
  let tokenStale = false;

  async function freshToken() {
    const response = await fetch(window.location.pathname, { credentials: "same-origin", cache: "no-store" });
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const input = fresh.querySelector("[data-screen] input[name=csrfmiddlewaretoken]");
    if (!response.ok || !input) return false;
    for (const mine of document.querySelectorAll("input[name=csrfmiddlewaretoken]")) mine.value = input.value;
    tokenStale = false;
    return true;
  }

  function sessionEnded(section, form, title) {
    tokenStale = true;
    form.dispatchEvent(new CustomEvent("kept-text:not-sent", { bubbles: true, detail: { sessionEnded: true } }));
    say(section, `${title}: not saved. Your session ended: sign in again in another tab, then save again.`, true);
  }

  // Whether nothing was typed or chosen in a form since the page gave it.
  function untouched(form) {
    return [...form.elements].every((box) => {
      if (box.type === "checkbox" || box.type === "radio") return box.checked === box.defaultChecked;
      if (box instanceof HTMLSelectElement) {
        const options = [...box.options];
        if (box.multiple) return options.every((option) => option.selected === option.defaultSelected);
        const marked = options.findIndex((option) => option.defaultSelected);
        return box.selectedIndex === (marked === -1 ? Math.min(0, options.length - 1) : marked);
      }
      if (box.type === "hidden" || !("defaultValue" in box)) return true;
      return box.value === box.defaultValue;
    });
  }

  // After a save, the other sections nobody has touched are shown as the server has them now: the
  // clinician's confirmation offers the level just proposed, a colleague's saves are seen.
  function refreshUntouched(fresh, saved) {
    for (const section of page.querySelectorAll("[data-section]")) {
      if (section === saved || section.contains(document.activeElement)) continue;
      // Not a section showing errors, a refusal or text put back: what it holds is not saved yet.
      if (section.querySelector(".errorlist, .screen-error-summary, #stale-refusal, .kept-text-notice")) continue;
      const form = section.querySelector("form");
      const replacement = fresh.getElementById(section.id);
      if (!replacement || (form && !untouched(form))) continue;
      section.replaceWith(document.adoptNode(replacement));
      foldAll(replacement);
    }
  }

  // The crisis card, when it first appears after a save: the person's eyes are on the section saved,
  // thousands of pixels below. Focus moves to it. While it says the on-call e-mail is being sent,
  // the alerts are asked again a few times, so it says when it was sent.
  const POLLS = 12;
  const POLL_MS = 5000;
  let polls = 0;
  let pollTimer = null;

  function watchOnCall() {
    if (pollTimer !== null || polls >= POLLS || !document.querySelector("#crisis-on-call[data-pending]")) return;
    pollTimer = setTimeout(async () => {
      pollTimer = null;
      polls += 1;
      try {
        const response = await fetch(page.dataset.alertsUrl, { credentials: "same-origin", cache: "no-store" });
        if (!response.ok) return;
        const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
        const item = fresh.getElementById("crisis-on-call");
        const here = document.getElementById("crisis-on-call");
        if (item && here) here.replaceWith(document.adoptNode(item));
      } catch {
        // Offline: asked again at the next turn.
      }
      watchOnCall();
    }, POLL_MS);
  }

  function showCrisisCard() {
    const card = document.getElementById("crisis-card");
    if (!card) return false;
    card.scrollIntoView({ block: "start" });
    card.focus({ preventScroll: true });
    watchOnCall();
    return true;
  }

  watchOnCall();

  page.addEventListener("submit", async (event) => {
    const form = event.target;
    const section = form.closest("[data-section]");
    if (!section || event.defaultPrevented) return;
    event.preventDefault();
    if (form.dataset.saving) return;
    form.dataset.saving = "yes";
    const title = section.querySelector("h2").textContent.replace(/^\d+\.\s*/, "");
    say(section, "Saving…", false);
    let html;
    let ended = false;
    try {
      if (tokenStale && !(await freshToken())) ended = true;
      else {
        const response = await fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
        });
        // A refused token (signed in again elsewhere), or the sign-in page the admin redirected to.
        if (response.status === 403) ended = true;
        else if (!response.ok) throw new Error(String(response.status));
        else html = await response.text();
      }
    } catch {
      delete form.dataset.saving;
      form.dispatchEvent(new CustomEvent("kept-text:not-sent", { bubbles: true }));
      say(
        section,
        `${title}: not saved. The connection dropped; what you typed is still here. Save again when you are back online.`,
        true,
      );
      return;
    }
    delete form.dataset.saving;
    const fresh = ended ? null : new DOMParser().parseFromString(html, "text/html");
    const replacement = fresh && fresh.getElementById(section.id);
    if (!replacement) {
      sessionEnded(section, form, title);
      return;
    }
    form.dispatchEvent(new CustomEvent("kept-text:sent", { bubbles: true }));
    // Focus was in the section (on its button, most often): it goes to the new section's button,
    // not to the top of the page. Someone already typing in another section is left there.
    const focusWasHere = section.contains(document.activeElement) || document.activeElement === document.body;
    section.replaceWith(document.adoptNode(replacement));
    foldAll(replacement);
    refreshUntouched(fresh, replacement);
    const hadCard = Boolean(document.getElementById("crisis-card"));
    for (const region of fresh.querySelectorAll("[data-refresh]")) {
      const here = document.getElementById(region.id);
      if (here && !replacement.contains(here)) here.replaceWith(document.adoptNode(region));
    }
    if (!hadCard && showCrisisCard()) {
      if (announcer) announcer.textContent = `${title}: saved. Crisis card shown at the top of the page.`;
      return;
    }
    watchOnCall();
    const problem = replacement.querySelector("#stale-refusal, .screen-error-summary");
    if (problem) {
      problem.focus();
      if (announcer) announcer.textContent = `${title}: not saved.`;
      return;
    }
    const status = replacement.querySelector("[data-status]");
    const button = replacement.querySelector("button[type=submit]");
    if (focusWasHere && button) button.focus();
    if (announcer && status) announcer.textContent = `${title}: ${status.textContent}`;
  });
})();
