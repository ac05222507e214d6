// The sponsor's counter: reads the holder's QR code with the phone's camera (jsQR, served by the app) and posts
// it in the same form as a code typed by hand. Without a camera (or permission) the typed code still works.
(function () {
  "use strict";
  var form = document.querySelector(".redeem-form");
  var start = document.querySelector(".scan-start");
  var box = document.querySelector(".scanner");
  var unavailable = document.querySelector(".scanner-unavailable");
  if (!form || !start || !box) return;
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || typeof window.jsQR !== "function") {
    if (unavailable) unavailable.hidden = false;
    return;
  }
  start.hidden = false;
  var video = box.querySelector("video");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var stream = null;

  function stop() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
  }

  function tick() {
    if (!stream) return;
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (found && found.data) {
        stop();
        form.querySelector("input[name=code]").value = found.data;
        form.submit();
        return;
      }
    }
    window.requestAnimationFrame(tick);
  }

  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      box.hidden = false;
      start.hidden = true;
      video.play();
      window.requestAnimationFrame(tick);
    }).catch(function () {
      if (unavailable) unavailable.hidden = false;
      start.hidden = true;
    });
  });
  window.addEventListener("pagehide", stop);
})();
