// Inserts a canned answer into the draft at the cursor instead of reloading the page (the page
// works without this: the "Chèn mẫu" form then reloads with the canned text in the box).
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector("form.canned-picker");
  const answer = document.getElementById("answer");
  if (!picker || !answer) return;
  picker.addEventListener("submit", (event) => {
    const select = picker.querySelector("select");
    const template = select && document.getElementById(`mau-${select.value}`);
    if (!template) return;
    event.preventDefault();
    const text = template.content.textContent || "";
    const start = answer.selectionStart ?? answer.value.length;
    const end = answer.selectionEnd ?? start;
    answer.value = answer.value.slice(0, start) + text + answer.value.slice(end);
    answer.focus();
    answer.setSelectionRange(start + text.length, start + text.length);
  });
  const hint = picker.querySelector(".muted");
  if (hint) hint.textContent = "(chèn vào vị trí con trỏ trong ô trả lời)";
});
