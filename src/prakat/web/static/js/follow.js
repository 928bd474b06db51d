// The follow page's copy buttons: shown only where the clipboard API exists.
for (const wrap of document.querySelectorAll(".copy-js")) wrap.hidden = !navigator.clipboard;
for (const button of document.querySelectorAll("button[data-copy]")) {
  button.addEventListener("click", async () => {
    const input = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".copied");
    try { await navigator.clipboard.writeText(input.value); status.textContent = "คัดลอกแล้ว"; }
    catch (e) { input.select(); status.textContent = "กด Ctrl+C หรือกดค้างเพื่อคัดลอก"; }
  });
}
// A feed address is selected whole when its box gets the focus, ready to copy.
for (const box of document.querySelectorAll("input[id^='feed-']")) box.addEventListener("focus", () => box.select());
