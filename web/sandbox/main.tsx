import '../shared/aksel-styles.ts';
import { createRoot } from 'react-dom/client';
import { SandboxApp } from './app.tsx';

createRoot(document.getElementById('root')!).render(<SandboxApp />);
