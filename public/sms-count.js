/*
 * Under a textarea with data-sms-count="<id of the output>", says how many characters and SMS parts
 * the text makes as the user types: GSM-7 (160, then 153 per part) or, with a character outside it,
 * UCS-2 (70, then 67). Typographic quotes and accents the server replaces are counted as replaced.
 * The server counts again and refuses more than two parts. No inline code (CSP).
 */
(function () {
  'use strict';

  var BASIC = '@£$¥èéùìòÇç\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  var EXTENSION = '\f^{}\\[]~|€';
  var FRIENDLY = /[’‘ʼ´`«»“”„\u00a0\u202f\u2009–—…•·œŒâêîôûëïÿáíóúÀÂÈÊËÎÏÔÙÛŸ]/g;

  function count(text) {
    text = text.trim().replace(/…/g, '...').replace(/[œŒ]/g, 'oe').replace(FRIENDLY, 'x');
    var gsm = true;
    var length = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (EXTENSION.indexOf(c) >= 0) length += 2;
      else if (BASIC.indexOf(c) >= 0) length += 1;
      else gsm = false;
    }
    if (!gsm) length = text.length;
    var single = gsm ? 160 : 70;
    var part = gsm ? 153 : 67;
    var parts = length === 0 ? 0 : length <= single ? 1 : Math.ceil(length / part);
    return { length: length, parts: parts };
  }

  function update(area, output) {
    var result = count(area.value);
    output.textContent =
      result.length + ' caractère' + (result.length > 1 ? 's' : '') + ', ' + result.parts + ' SMS' + (result.parts > 2 ? ' : trop long, deux SMS au plus' : '');
  }

  document.addEventListener('DOMContentLoaded', function () {
    var areas = document.querySelectorAll('textarea[data-sms-count]');
    for (var i = 0; i < areas.length; i++) {
      (function (area) {
        var output = document.getElementById(area.getAttribute('data-sms-count'));
        if (!output) return;
        area.addEventListener('input', function () {
          update(area, output);
        });
        update(area, output);
      })(areas[i]);
    }
  });
})();
