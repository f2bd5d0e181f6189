// Policy page: a YAML file chosen with "load a file" is read into the scenario textarea (nothing is uploaded until the form is sent).
(function () {
  'use strict';
  document.querySelectorAll('input[type=file][data-load-into]').forEach(function (input) {
    var target = document.getElementById(input.getAttribute('data-load-into'));
    if (!target || !window.FileReader) return;
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () { target.value = String(reader.result || ''); target.focus(); };
      reader.readAsText(file);
    });
  });
})();
