// Rows of an ordered inline (an article's questions, its sources) are put in order with Move up and
// Move down buttons, usable by keyboard and by a single click; their positions follow the order on
// the page and are never typed.
"use strict";
(function () {
  const POSITION = "input[name$='-position']";

  function rows(group) {
    return [...group.querySelectorAll(".inline-related, tr.form-row")].filter(
      (row) => !row.classList.contains("empty-form") && !row.id.endsWith("-empty") && row.querySelector(POSITION)
    );
  }

  function renumber(group) {
    let position = 0;
    for (const row of rows(group)) {
      const remove = row.querySelector("input[name$='-DELETE']");
      if (remove && remove.checked) continue;
      position += 1;
      row.querySelector(POSITION).value = position;
    }
  }

  function say(group, text) {
    group.querySelector(".order-status").textContent = text;
  }

  function move(group, row, step, button) {
    const list = rows(group);
    const other = list[list.indexOf(row) + step];
    if (!other) {
      say(group, step < 0 ? "Already first." : "Already last.");
      return;
    }
    if (step < 0) other.before(row);
    else other.after(row);
    renumber(group);
    button.focus();
    say(group, `Moved to position ${row.querySelector(POSITION).value}.`);
  }

  function setUp(group, row) {
    const input = row.querySelector(POSITION);
    if (!input || row.querySelector(".order-buttons")) return;
    input.readOnly = true;
    input.setAttribute("aria-describedby", group.querySelector(".order-status").id);
    const buttons = document.createElement("span");
    buttons.className = "order-buttons";
    for (const [label, step] of [["Move up", -1], ["Move down", 1]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = label;
      button.addEventListener("click", () => move(group, row, step, button));
      buttons.append(" ", button);
    }
    input.after(buttons);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("fieldset.ordered-inline").forEach((group, index) => {
      const status = document.createElement("p");
      status.className = "order-status";
      status.id = `order-status-${index}`;
      status.setAttribute("role", "status");
      group.prepend(status);
      rows(group).forEach((row) => setUp(group, row));
      renumber(group);
    });
    document.querySelectorAll("form").forEach((form) =>
      form.addEventListener("submit", () => document.querySelectorAll("fieldset.ordered-inline").forEach(renumber))
    );
  });

  document.addEventListener("formset:added", (event) => {
    const group = event.target.closest("fieldset.ordered-inline");
    if (!group) return;
    setUp(group, event.target);
    renumber(group);
  });
})();
