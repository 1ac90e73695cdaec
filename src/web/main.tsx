import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { initialLang, loadLang } from './i18n/index.tsx';
import './styles.css';
import './styles-desk.css';
import './styles-fees.css';

// An English user's texts arrive before the first paint, so the page never flashes Chinese.
void loadLang(initialLang()).then(() => createRoot(document.getElementById('root')!).render(<App />));
