// CNPJ as people type it: masked to 12.ABC.345/01DE-35 and checked on the fly. The server checks
// again (it is the authority); this only spares a round trip. The rules are those of
// br.agendador.cnpj.Cnpj: 12 characters 0-9/A-Z, then 2 numeric check digits, modulo 11 with
// each character worth its ASCII code minus 48.

const LENGTH = 14;
const FIRST_WEIGHTS = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const SECOND_WEIGHTS = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
/** Where punctuation goes, by the number of characters before it. */
const PUNCTUATION = { 2: '.', 5: '.', 8: '/', 12: '-' };

/** The CNPJ without punctuation or spaces, in upper case. */
export function strip(text) {
  return String(text).replace(/[.\/\-\s]/g, '').toUpperCase();
}

function checkDigit(chars, weights) {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += (chars.charCodeAt(i) - 48) * weights[i];
  }
  const remainder = sum % 11;
  return remainder < 2 ? 0 : 11 - remainder;
}

/** The two check digits of a 12-character base (root and branch). */
export function checkDigits(base) {
  const first = checkDigit(base, FIRST_WEIGHTS);
  return `${first}${checkDigit(base + first, SECOND_WEIGHTS)}`;
}

/**
 * What is wrong with the text as a CNPJ, in the server's order: 'length', 'characters',
 * 'repeated' or 'checkDigits'; null when it is valid.
 */
export function problem(text) {
  const value = strip(text);
  if (value.length !== LENGTH) {
    return 'length';
  }
  if (!/^[0-9A-Z]{12}[0-9]{2}$/.test(value)) {
    return 'characters';
  }
  if (new Set(value).size === 1) {
    return 'repeated';
  }
  return value.endsWith(checkDigits(value.slice(0, 12))) ? null : 'checkDigits';
}

export function isValid(text) {
  return problem(text) === null;
}

/** Punctuates as much of a CNPJ as has been typed: '12ABC3' becomes '12.ABC.3'. */
export function mask(text) {
  const kept = String(text).toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, LENGTH);
  let masked = '';
  for (let i = 0; i < kept.length; i++) {
    if (PUNCTUATION[i]) {
      masked += PUNCTUATION[i];
    }
    masked += kept[i];
  }
  return masked;
}

/**
 * Masks an input as the person types and tells them, through the element named by the
 * input's aria-describedby, whether the CNPJ is valid. Messages come from the page
 * (data-msg-length, data-msg-characters, data-msg-check-digits, data-msg-repeated,
 * data-msg-valid), so they are in the page's language.
 */
export function attach(input) {
  if (input.dataset.cnpjAttached) {
    return;
  }
  input.dataset.cnpjAttached = 'true';
  input.setAttribute('inputmode', 'text');
  input.setAttribute('autocapitalize', 'characters');
  const feedback = document.getElementById((input.getAttribute('aria-describedby') || '').split(' ')[0]);

  const show = (final) => {
    const value = strip(input.value);
    const wrong = value === '' ? null : problem(value);
    const incomplete = wrong === 'length' && value.length < LENGTH && !final;
    const message = wrong && !incomplete ? input.dataset[messageKey(wrong)] || '' : '';
    input.setCustomValidity(message);
    input.classList.toggle('is-invalid', Boolean(message));
    input.classList.toggle('is-valid', value !== '' && wrong === null);
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (feedback) {
      feedback.textContent = message || (value !== '' && wrong === null ? input.dataset.msgValid || '' : '');
      feedback.classList.toggle('text-danger', Boolean(message));
      feedback.classList.toggle('text-success', !message && value !== '' && wrong === null);
    }
  };

  input.addEventListener('input', () => {
    const caret = input.selectionStart ?? input.value.length;
    const typedBeforeCaret = input.value.slice(0, caret).replace(/[^0-9A-Za-z]/g, '').length;
    input.value = mask(input.value);
    input.setSelectionRange(...Array(2).fill(caretAfter(input.value, typedBeforeCaret)));
    show(false);
  });
  input.addEventListener('blur', () => show(true));
  if (input.value) {
    input.value = mask(input.value);
    show(true);
  }
}

/** The position in a masked value just after its n-th letter or digit. */
function caretAfter(masked, n) {
  if (n === 0) {
    return 0;
  }
  let seen = 0;
  for (let i = 0; i < masked.length; i++) {
    if (/[0-9A-Z]/.test(masked[i]) && ++seen === n) {
      return i + 1;
    }
  }
  return masked.length;
}

function messageKey(problemName) {
  return 'msg' + problemName.charAt(0).toUpperCase() + problemName.slice(1);
}
