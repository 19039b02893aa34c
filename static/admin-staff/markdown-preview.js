// Beside each Markdown field, once it is edited, the text as visitors will see it, made by the server
// as the page is. (Not on opening the form: an article has a dozen such fields, and its preview page
// shows the saved text.)
"use strict";
(function () {
  const pending = new WeakMap();

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  async function refresh(field) {
    const preview = field.closest(".markdown-field").querySelector(".markdown-preview");
    const body = new URLSearchParams({ text: field.value });
    if (field.dataset.markdownLanguage) body.set("language", field.dataset.markdownLanguage);
    const response = await fetch(field.dataset.markdownPreview, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken() },
      body,
      credentials: "same-origin",
    });
    if (!response.ok) return;
    const data = await response.json();
    preview.hidden = false;
    // The server sanitised this HTML with the same allow-list the public pages use.
    preview.querySelector(".markdown-preview-body").innerHTML = data.html;
    const problems = preview.querySelector(".markdown-preview-problems");
    problems.textContent = data.problems.join(" ");
    problems.classList.toggle("errornote", data.problems.length > 0);
    // Claims without a source: warned of, not refused (common/claims.py).
    const warnings = preview.querySelector(".markdown-preview-warnings");
    warnings.replaceChildren(
      ...data.warnings.map((text) => {
        const item = document.createElement("li");
        item.className = "warning";
        item.textContent = text;
        return item;
      }),
    );
    warnings.hidden = data.warnings.length === 0;
  }

  function schedule(field) {
    clearTimeout(pending.get(field));
    pending.set(field, setTimeout(() => refresh(field), 400));
  }

  document.addEventListener("input", (event) => {
    if (event.target.matches("textarea[data-markdown-preview]")) schedule(event.target);
  });
})();
