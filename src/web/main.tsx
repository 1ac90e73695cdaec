import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles.css';
import './styles-desk.css';
import './styles-fees.css';

createRoot(document.getElementById('root')!).render(<App />);
