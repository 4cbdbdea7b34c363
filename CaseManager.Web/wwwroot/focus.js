// Moves the focus to the field an error summary links to: the element with this id, or the first
// input inside it (MudBlazor wraps its inputs). Loaded as a module: no inline script, CSP-safe.
export function focusField(id) {
  const target = document.getElementById(id);
  if (!target) {
    return;
  }

  const field = target.matches("input, select, textarea")
    ? target
    : target.querySelector("input:not([type=hidden]), select, textarea") ?? target;
  field.scrollIntoView({ block: "center" });
  field.focus();
}
