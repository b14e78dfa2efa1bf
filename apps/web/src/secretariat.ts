import { ApiError } from './api.js';
import { byId, replaceChildren } from './dom.js';
import { onLanguage } from './i18n.js';
import { problemNotice, startPage } from './layout.js';
import './secretariat.messages.js';
import { fillAssign, setupAssign } from './secretariat-assign.js';
import { fillClose, setupClose } from './secretariat-close.js';
import { loadBoard, relabel, useCatalogue, type Board } from './secretariat-data.js';
import { renderDirectives } from './secretariat-directives.js';
import { renderExtensions } from './secretariat-extensions.js';
import { fillMonitoring, setupRegister } from './secretariat-register.js';

/**
 * The page of the Office of the Provincial Party Committee: register directives, see them with
 * their items, assign units, decide extension requests and close items. Every form sends one
 * command; after each success the whole board is read again, so every section agrees with the
 * API (there is no client-side state to drift).
 */
let board: Board | undefined;

const session = startPage('secretariat.html', ['secretariat']);
if (session) start();

function start(): void {
  setupRegister(reload);
  setupAssign(reload);
  setupClose(reload);
  onLanguage(() => board && redraw(board, false));
  void reload();
}

/** Reads the board again and redraws every section; a failure is shown where the list would be. */
async function reload(): Promise<void> {
  try {
    const next = await loadBoard();
    board = next;
    useCatalogue(next);
    redraw(next, true);
    byId('page-notice').replaceChildren();
  } catch (error) {
    replaceChildren(byId('page-notice'), problemNotice(error));
    if (error instanceof ApiError && error.code === 'READ_MODEL.NOT_READY') setTimeout(() => void reload(), 2000);
  }
}

/**
 * Draws the board. Sections without inputs are rebuilt; the forms keep what is being typed and
 * only refresh their choices. The extension requests are rebuilt only when the data changed
 * (each holds a note that may be half typed), otherwise relabelled.
 */
function redraw(next: Board, dataChanged: boolean): void {
  renderDirectives(byId('directives'), next);
  fillAssign(next);
  fillClose(next);
  fillMonitoring(next);
  if (dataChanged) renderExtensions(byId('extensions'), next, reload);
  relabel();
}
