// rapportbok: "Ny notebook" on the editor's chooser page: a title becomes a notebook file
// and an entry in SUMMARY.md, then its editor opens.
const token = document.querySelector('meta[name="rapportbok-token"]').content;
const form = document.getElementById("ny");
const status = document.getElementById("status");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const titel = document.getElementById("titel").value;
  status.textContent = "Skapar …";
  const res = await fetch("/_rapportbok/ny", {
    method: "POST",
    headers: { "content-type": "application/json", "x-rapportbok-token": token },
    body: JSON.stringify({ titel }),
  });
  if (!res.ok) { status.textContent = await res.text(); return; }
  const { sida } = await res.json();
  status.textContent = "Skapad. Öppnar redigeraren …";
  // The book is loaded again with the new chapter; the editor page waits for it.
  for (let i = 0; i < 50; i++) {
    const probe = await fetch("/_rapportbok/kalla/" + encodeURI(sida));
    if (probe.ok) { location.href = "/_rapportbok/redigera/" + encodeURI(sida); return; }
    await new Promise((r) => setTimeout(r, 100));
  }
  status.textContent = "Notebooken är skapad men boken har inte lästs in än; ladda om sidan.";
});
