// The web chat: the server keeps who you are (an HttpOnly session cookie) and the conversation, shown again after a
// reload; POST /api/chat sends a message; replies come with buttons, citations and files.
(() => {
  "use strict";
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");
  const send = document.getElementById("send");

  function add(className, text) {
    const div = document.createElement("div");
    div.className = "msg " + className;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  function renderReply(reply, live = true) {
    const div = add("bot", reply.text);
    if (reply.citations && reply.citations.length) {
      const box = document.createElement("div");
      box.className = "citations";
      const title = document.createElement("b");
      title.textContent = "Nguồn:";
      box.appendChild(title);
      const list = document.createElement("ul");
      for (const c of reply.citations) {
        const li = document.createElement("li");
        li.className = "citation";
        li.textContent = c.section ? `${c.document}, ${c.section}` : c.document;
        if (c.quote) {
          const q = document.createElement("q");
          q.textContent = c.quote.length > 220 ? c.quote.slice(0, 220) + "…" : c.quote;
          li.append(" ", q);
        }
        list.appendChild(li);
      }
      box.appendChild(list);
      div.appendChild(box);
    }
    if (reply.buttons && reply.buttons.length) {
      const box = document.createElement("div");
      box.className = "buttons";
      for (const row of reply.buttons) {
        const rowDiv = document.createElement("div");
        rowDiv.className = "row";
        for (const b of row) {
          const button = document.createElement("button");
          button.type = "button";
          button.textContent = b.label;
          button.disabled = !live;
          button.addEventListener("click", () => {
            box.querySelectorAll("button").forEach(x => x.disabled = true);
            post({ buttonData: b.data }, b.label);
          });
          rowDiv.appendChild(button);
        }
        box.appendChild(rowDiv);
      }
      div.appendChild(box);
    }
    if (reply.file) {
      const p = document.createElement("div");
      p.className = "file";
      const a = document.createElement("a");
      a.href = reply.file.url;
      a.download = reply.file.name;
      a.textContent = "⬇ Tải " + reply.file.name;
      if (/\.png$/i.test(reply.file.name)) {
        // A chart is shown as a picture, with the download link under it.
        const img = document.createElement("img");
        img.src = reply.file.url;
        img.alt = reply.file.name;
        img.className = "chart";
        p.appendChild(img);
        p.appendChild(document.createElement("br"));
      }
      p.appendChild(a);
      div.appendChild(p);
    }
  }

  let busy = false;
  async function post(body, shown) {
    if (busy) return;
    busy = true;
    send.disabled = true;
    add("user", shown);
    try {
      const response = await fetch("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(body),
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) {
        add("bot error", data.error || "Có lỗi khi gửi tin nhắn. Bạn hãy thử lại.");
      } else {
        for (const reply of data.replies || []) renderReply(reply);
      }
    } catch {
      add("bot error", "Không kết nối được máy chủ. Bạn hãy kiểm tra mạng và thử lại.");
    } finally {
      busy = false;
      send.disabled = false;
      input.focus();
    }
  }

  // The conversation so far (this session's, from the server); only the last reply's buttons can still be pressed.
  async function restore() {
    try {
      const response = await fetch("/api/history", { credentials: "same-origin" });
      if (!response.ok) return;
      const entries = (await response.json()).entries || [];
      entries.forEach((entry, i) => {
        if (entry.from === "user") add("user", entry.text);
        else if (entry.reply) renderReply(entry.reply, i === entries.length - 1);
      });
    } catch {
      // Offline: the page still works for new messages once the connection is back.
    }
  }

  form.addEventListener("submit", e => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    post({ text }, text);
  });
  restore();
  input.addEventListener("keydown", e => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
})();
