// Reviewers' pages: render Mermaid diagrams from the locally served copy, and the print button.
(function () {
  'use strict';
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
  var m = window.mermaid;
  if (!m || !document.querySelector('pre.mermaid')) return;
  m.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral' });
  m.run({ querySelector: 'pre.mermaid' }).then(function () {
    document.documentElement.setAttribute('data-diagrams', 'rendered');
  }, function (err) {
    document.documentElement.setAttribute('data-diagrams', 'failed');
    if (window.console) console.error(err);
  });
})();
