import { api, ApiError } from './api.js';
import './common.messages.js';
import { byId } from './dom.js';
import { addMessages, lang, setLang, t, translate } from './i18n.js';
import { claimsOf, currentSession, homeOf, saveToken } from './session.js';

addMessages({
  vi: {
    'signin.heading': 'Đăng nhập',
    'signin.intro': 'Dán mã truy cập (token) do hệ thống cấp cho bạn. Mã xác định vai trò và đơn vị của bạn; mọi thao tác được ghi nhận theo mã này.',
    'signin.token': 'Mã truy cập',
    'signin.submit': 'Đăng nhập',
    'signin.malformed': 'Đây không phải là một mã truy cập hợp lệ.',
    'signin.expired': 'Mã truy cập đã hết hạn.',
    'signin.refused': 'Máy chủ từ chối mã này: {message}',
    'signin.hint': 'Cán bộ kỹ thuật cấp mã bằng lệnh: npm run token -- --role unit --unit rach-gia',
  },
  en: {
    'signin.heading': 'Sign in',
    'signin.intro': 'Paste the access token you were issued. It says your role and unit; everything you do is recorded under it.',
    'signin.token': 'Access token',
    'signin.submit': 'Sign in',
    'signin.malformed': 'This is not a valid access token.',
    'signin.expired': 'This access token has expired.',
    'signin.refused': 'The server refused this token: {message}',
    'signin.hint': 'Technical staff issue tokens with: npm run token -- --role unit --unit rach-gia',
  },
});

const form = byId<HTMLFormElement>('signin');
const input = byId<HTMLTextAreaElement>('token');
const error = byId('token-error');
const toggle = byId<HTMLButtonElement>('lang-toggle');
const next = new URLSearchParams(location.search).get('next');

translate();
toggle.addEventListener('click', () => setLang(lang() === 'vi' ? 'en' : 'vi'));

const existing = currentSession();
if (existing && !next) location.replace(homeOf(existing.role));

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void signIn(input.value.trim());
});

async function signIn(token: string): Promise<void> {
  const claims = claimsOf(token);
  if (!claims) return refuse(t('signin.malformed'));
  if (claims.exp * 1000 <= Date.now()) return refuse(t('signin.expired'));
  try {
    await api('GET', '/me', undefined, token);
  } catch (e) {
    return refuse(t('signin.refused', { message: e instanceof ApiError ? e.message : String(e) }));
  }
  saveToken(token);
  location.assign(next && /^[a-z-]+\.html(\?[^#]*)?$/.test(next) ? next : homeOf(claims.role));
}

function refuse(message: string): void {
  error.textContent = message;
  error.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}
