// Vigil's helper for host pages (an intranet, a portal) that embed Vigil in an iframe.
//
// Two lines on the host page:
//   <iframe data-vigil src="https://training.example.com/vigil/" title="Child-protection training"></iframe>
//   <script src="https://training.example.com/vigil/vigil-host.js"></script>
// and the host's origin in `embed-origins` of vigil.config.json beside Vigil's index.html.
//
// It resizes the iframe to Vigil's content, and re-dispatches Vigil's messages as DOM events on
// the iframe element: vigil:ready, vigil:step, vigil:module-completed, vigil:track-completed,
// vigil:height (each event's `detail` is the message). Messages are accepted only from the
// iframe's own window and origin.
(() => {
  const originOf = (frame) => new URL(frame.src, location.href).origin;
  const frames = () => Array.from(document.querySelectorAll("iframe[data-vigil]"));
  window.addEventListener("message", (event) => {
    const frame = frames().find((f) => f.contentWindow === event.source);
    if (!frame || event.origin !== originOf(frame)) return;
    const data = event.data;
    if (!data || typeof data.type !== "string" || !data.type.startsWith("vigil:")) return;
    if (data.type === "vigil:height" && Number.isFinite(data.height)) {
      frame.style.height = `${Math.ceil(data.height)}px`;
    }
    frame.dispatchEvent(new CustomEvent(data.type, { detail: data }));
  });
  // For the host's own controls, e.g. Vigil.setLanguage(frame, "fr").
  window.Vigil = {
    setLanguage(frame, language) {
      frame.contentWindow.postMessage({ type: "vigil:set-language", language }, originOf(frame));
    },
  };
})();
