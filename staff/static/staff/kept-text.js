// What a person types on a staff page is not lost when the session times out (STAFF_SESSION_IDLE_SECONDS).
// - Typing is activity: while a form of a change page has unsaved text and the person types, the
//   page asks the keep-alive (staff/keep_alive.py) at most once an interval. A page left alone asks
//   nothing, and times out as before.
// - Before a form is sent, the keep-alive says whether the session is still signed in. If it is not,
//   what was typed is kept in this tab's sessionStorage (never in an address, never on the server)
//   and the page is opened again: the admin asks the person to sign in and brings them back here,
//   where the text is put back with a notice. Nothing is sent until they press the button again.
// - The kept copy is erased once its form was sent, on signing out, and when the tab is closed.
"use strict";
(function () {
  const script = document.currentScript;
  const PREFIX = "kept-text:";
  const idleMs = Number(script.dataset.idleSeconds) * 1000;
  // A fifth of the idle limit, at most five minutes: a ping always lands well before the limit.
  const intervalMs = Math.min(300000, Math.max(1000, idleMs / 5));
  // A form sent when the session had just ended reaches the sign-in page at once; older is stale.
  const SENDING_MAX_MS = 120000;
  const user = script.dataset.user;
  const keepHidden = new Set(script.dataset.keepHidden.split(",").filter(Boolean));
  const NOT_TYPED = new Set(["hidden", "password", "file", "submit", "button", "reset", "image"]);
  const path = window.location.pathname;
  const canKeep = (() => {
    try {
      sessionStorage.setItem(PREFIX, "");
      sessionStorage.removeItem(PREFIX);
      return true;
    } catch {
      return false; // storage turned off: forms are sent as they would be without this script
    }
  })();

  // --- the kept copies, one record per page: {user, forms: {formKey: {state, at, fields, hidden}}}
  function read(page) {
    try {
      return JSON.parse(sessionStorage.getItem(PREFIX + page));
    } catch {
      return null; // storage turned off, or not ours
    }
  }

  function write(page, record) {
    try {
      if (Object.keys(record.forms).length) sessionStorage.setItem(PREFIX + page, JSON.stringify(record));
      else sessionStorage.removeItem(PREFIX + page);
    } catch {
      // Storage full or turned off: nothing can be kept.
    }
  }

  function keptPages() {
    try {
      return Object.keys(sessionStorage).filter((key) => key.startsWith(PREFIX)).map((key) => key.slice(PREFIX.length));
    } catch {
      return [];
    }
  }

  function eraseAll() {
    for (const page of keptPages()) sessionStorage.removeItem(PREFIX + page);
  }

  // --- the forms of this page and what was typed in them
  // Change pages, and the pre-admission screen (whose sections save without reloading: its script
  // tells this one how each save went, with the events "kept-text:sent" and "kept-text:not-sent").
  const KEPT_PAGES = ["change-form", "screen-page"];
  function trackedForms() {
    if (!KEPT_PAGES.some((name) => document.body.classList.contains(name))) return [];
    return [...document.forms].filter((form) => form.method === "post" && form.id !== "logout-form");
  }

  function formKey(form) {
    const action = form.getAttribute("action");
    return form.id || (action ? "action:" + action : "form:" + trackedForms().indexOf(form));
  }

  // Each named field with a key that holds on the same page opened again: its name and its place
  // among the fields of that name.
  function* fieldsOf(form) {
    const seen = new Map();
    for (const field of form.elements) {
      if (!field.name) continue;
      const place = seen.get(field.name) || 0;
      seen.set(field.name, place + 1);
      yield [field.name + "#" + place, field];
    }
  }

  function isCheckable(field) {
    return field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio");
  }

  function isTyped(field) {
    return field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement && !NOT_TYPED.has(field.type));
  }

  function selectChanged(select) {
    const options = [...select.options];
    if (select.multiple) return options.some((option) => option.selected !== option.defaultSelected);
    let initial = options.length ? 0 : -1; // with none marked, the browser shows the first
    options.forEach((option, index) => {
      if (option.defaultSelected) initial = index;
    });
    return select.selectedIndex !== initial;
  }

  // The fields whose value differs from the page as the server sent it.
  function changes(form) {
    const fields = {};
    for (const [key, field] of fieldsOf(form)) {
      if (field.disabled) continue;
      if (isCheckable(field)) {
        if (field.checked !== field.defaultChecked) fields[key] = field.checked;
      } else if (field instanceof HTMLSelectElement) {
        if (selectChanged(field)) fields[key] = [...field.selectedOptions].map((option) => option.value);
      } else if (isTyped(field) && field.value !== field.defaultValue) {
        fields[key] = field.value;
      }
    }
    return fields;
  }

  function hasChanges(form) {
    return Object.keys(changes(form)).length > 0;
  }

  // The page's own markers kept with the text (the copy the person opened, for the stale-edit check).
  function hiddenMarkers(form) {
    const hidden = {};
    for (const [key, field] of fieldsOf(form)) {
      if (field.type === "hidden" && keepHidden.has(field.name)) hidden[key] = field.value;
    }
    return hidden;
  }

  function keep(forms, state) {
    const record = read(path);
    const kept = record && record.user === user ? record : { user, forms: {} };
    for (const form of forms) {
      const fields = changes(form);
      if (Object.keys(fields).length) {
        kept.forms[formKey(form)] = { state, at: Date.now(), fields, hidden: hiddenMarkers(form) };
      } else {
        delete kept.forms[formKey(form)];
      }
    }
    write(path, kept);
  }

  // The forms of this page whose text is kept (put back when it opened, or kept since).
  function keptForms() {
    const record = read(path);
    if (!record || record.user !== user) return [];
    return trackedForms().filter((form) => formKey(form) in record.forms);
  }

  function putBack(form, saved) {
    for (const [key, field] of fieldsOf(form)) {
      if (field.type === "hidden") {
        if (key in saved.hidden) field.value = saved.hidden[key];
        continue;
      }
      if (!(key in saved.fields)) continue;
      const value = saved.fields[key];
      if (isCheckable(field)) field.checked = Boolean(value);
      else if (field instanceof HTMLSelectElement) {
        for (const option of field.options) option.selected = value.includes(option.value);
      } else field.value = String(value);
      // For the page's other scripts (the Markdown preview, linked fields).
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function buttonLabel(form) {
    const button = form.querySelector("[type=submit].default") || form.querySelector("[type=submit]");
    if (!button) return "";
    return (button instanceof HTMLInputElement ? button.value : button.textContent).trim();
  }

  function showNotice(form) {
    const notice = document.createElement("div");
    notice.className = "kept-text-notice";
    notice.setAttribute("role", "status");
    notice.tabIndex = -1;
    const list = document.createElement("ul");
    list.className = "messagelist";
    const item = document.createElement("li");
    item.className = "warning";
    const label = buttonLabel(form);
    item.textContent = label
      ? `Your unsaved text was put back. Check it and press “${label}” again.`
      : "Your unsaved text was put back. Check it and send it again.";
    list.append(item);
    notice.append(list);
    form.prepend(notice);
    return notice;
  }

  // --- on opening a page
  function settleKeptCopies() {
    if (script.dataset.signedOut) {
      eraseAll();
      return;
    }
    let justSent = null;
    for (const page of keptPages()) {
      const record = read(page);
      if (!record || !record.forms) {
        write(page, { forms: {} });
        continue;
      }
      if (!user) {
        // The sign-in page: a form sent just now met an ended session. Its text is kept.
        for (const [key, entry] of Object.entries(record.forms)) {
          if (entry.state !== "sending") continue;
          if (Date.now() - entry.at > SENDING_MAX_MS) delete record.forms[key];
          else {
            entry.state = "kept";
            justSent = page;
          }
        }
      } else if (record.user !== user) {
        record.forms = {}; // someone else signed in at this tab: theirs is not shown
      } else {
        // Any other page: the server had the forms sent, saved or shown again with their errors.
        for (const [key, entry] of Object.entries(record.forms)) {
          if (entry.state === "sending") delete record.forms[key];
        }
      }
      write(page, record);
    }
    // Back to the page itself after signing in (its path only), not to the address the form was sent to.
    const next = document.querySelector("#login-form input[name=next]");
    if (justSent && next) next.value = justSent;
  }

  function putBackHere() {
    const record = read(path);
    if (!user || !record || record.user !== user) return;
    const forms = trackedForms();
    const notices = [];
    for (const [key, entry] of Object.entries(record.forms)) {
      const form = forms.find((candidate) => formKey(candidate) === key);
      if (!form) {
        delete record.forms[key]; // the page has no such form any more
        continue;
      }
      putBack(form, entry);
      notices.push(showNotice(form));
    }
    write(path, record);
    if (notices.length) notices[0].focus();
  }

  // --- asking the server
  // Set just before this script opens its page again: a check that fails again on the page opened
  // signed in (cookies refused, say) lets the form go, to the server's own answer, not round again.
  const REOPENED = "kept-text-reopened";
  let reopened = false;
  try {
    reopened = sessionStorage.getItem(REOPENED) === path;
    sessionStorage.removeItem(REOPENED);
  } catch {
    // Storage turned off.
  }
  let lastContact = Date.now(); // this page's own request reset the idle timer
  let lastPing = 0; // when the latest keep-alive was sent (its answer may still be on its way)
  let ended = false;
  let typed = false;
  let timer = null;
  let sending = false;

  function csrfToken(form) {
    const input =
      (form && form.querySelector("input[name=csrfmiddlewaretoken]")) ||
      document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // "alive", "ended" (signed out, or a token from before a new sign-in), or "unknown" (no answer).
  async function ask(form) {
    try {
      const response = await fetch(script.dataset.keepAlive, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken(form) },
        credentials: "same-origin",
        redirect: "manual", // a redirect (to the second sign-in step) is an answer, not a page to fetch
        cache: "no-store",
      });
      if (response.status === 204) {
        lastContact = Date.now();
        ended = false;
        return "alive";
      }
      if (response.type === "opaqueredirect" || response.status === 403) {
        ended = true;
        return "ended";
      }
    } catch {
      // Offline, or the server did not answer: the form is sent as it would be without this script.
    }
    return "unknown";
  }

  function schedule() {
    if (timer !== null) return;
    // From the latest ping sent, not answered: typing during a slow answer waits its turn.
    timer = setTimeout(tick, Math.max(0, Math.max(lastContact, lastPing) + intervalMs - Date.now()));
  }

  async function tick() {
    timer = null;
    const forms = trackedForms().filter(hasChanges);
    if (!typed || !forms.length) return;
    typed = false;
    lastPing = Date.now();
    if ((await ask(forms[0])) === "ended") keep(forms, "kept");
  }

  document.addEventListener(
    "input",
    (event) => {
      // Only the person's own typing, not the values this script puts back.
      if (!event.isTrusted || !event.target.form || !trackedForms().includes(event.target.form)) return;
      typed = true;
      schedule();
    },
    true,
  );

  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (form.id === "logout-form") {
        eraseAll();
        return;
      }
      if (!trackedForms().includes(form)) return;
      if (form.dataset.keptTextChecked) {
        // Checked just now: sent, its text kept until the next page shows whether it arrived.
        delete form.dataset.keptTextChecked;
        sending = true;
        keep(keptForms().filter((other) => other !== form), "kept");
        keep([form], "sending");
        return;
      }
      event.preventDefault();
      if (form.dataset.keptTextAsking) return; // a second press while asking
      form.dataset.keptTextAsking = "yes";
      const submitter = event.submitter;
      ask(form).then((answer) => {
        delete form.dataset.keptTextAsking;
        if (answer === "ended" && canKeep && !reopened) {
          keep(trackedForms(), "kept");
          sending = true;
          sessionStorage.setItem(REOPENED, path);
          window.location.assign(path); // the admin asks to sign in, then comes back here
          return;
        }
        form.dataset.keptTextChecked = "yes";
        if (submitter && submitter.form === form) form.requestSubmit(submitter);
        else form.requestSubmit();
      });
    },
    true,
  );

  // A form sent by a page's own script (no new page): the server's answer came back (saved, or shown
  // again with its errors, the text in the new form), or it did not (kept, as typed).
  document.addEventListener("kept-text:sent", (event) => {
    sending = false;
    ended = false;
    lastContact = Date.now(); // the save reset the idle timer too
    const record = read(path);
    if (record && record.user === user && event.target instanceof HTMLFormElement) {
      delete record.forms[formKey(event.target)];
      write(path, record);
    }
  });
  document.addEventListener("kept-text:not-sent", (event) => {
    sending = false;
    if (event.detail && event.detail.sessionEnded) ended = true;
    if (event.target instanceof HTMLFormElement) keep([event.target], "kept");
  });

  // Leaving (or reloading) the page: what was typed is kept if the session has ended, and text
  // put back stays kept as it is now (until sent; emptied, it is dropped).
  window.addEventListener("pagehide", () => {
    if (sending || !user) return;
    keep(ended || Date.now() > lastContact + idleMs ? trackedForms() : keptForms(), "kept");
  });

  // The sign-in page with text kept in this tab: say why they are here and that nothing is lost
  // (which page, never what was typed), so nobody closes the tab thinking it gone.
  function explainOnSignIn() {
    const login = document.getElementById("login-form");
    if (user || !login) return;
    const pages = keptPages().filter((page) => {
      const record = read(page);
      return record && record.forms && Object.keys(record.forms).length;
    });
    if (!pages.length) return;
    const region = document.createElement("div");
    region.className = "kept-text-sign-in";
    region.setAttribute("role", "status");
    const list = document.createElement("ul");
    list.className = "messagelist";
    region.append(list);
    const item = document.createElement("li");
    item.className = "warning";
    item.textContent =
      "Your session ended after a while without activity. What you were typing is kept in this tab: " +
      "sign in again and it is put back on the same page, for you to check and send. Do not close this tab.";
    list.append(item);
    login.before(region);
  }

  settleKeptCopies();
  explainOnSignIn();
  putBackHere();
})();
