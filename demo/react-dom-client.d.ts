// The one react-dom entry the demo uses (no @types/react-dom is installed for a demo page).
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';
  export function createRoot(container: Element): { render(node: ReactNode): void };
}
