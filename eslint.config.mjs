import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const serverOnly = {
  patterns: [
    { group: ['@/db/*', '@/db/**'], message: 'Client code never imports the database; go through a route handler.' },
    { group: ['@/lib/*/service', '@/lib/**/service'], message: 'Client code never imports a service; call the API.' },
    { group: ['@/lib/database', '@/lib/auth/resolve-user'], message: 'Server-only module.' },
  ],
};

const config = [
  { ignores: ['.next*/**', 'dist/**', 'data/**', 'node_modules/**', 'next-env.d.ts', '.tmp/**', 'test-results/**', 'playwright-report/**'] },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['warn', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Components are shared with client bundles.
    files: ['components/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', serverOnly] },
  },
  {
    // lib/ and db/ run in plain Node too (server.ts): no Next request APIs there.
    files: ['lib/**/*.ts', 'db/**/*.ts'],
    ignores: ['lib/auth/next-auth.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'next/headers', message: 'Pass a Headers object instead.' }, { name: 'server-only', message: 'lib/ runs outside Next too.' }] },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.{ts,mjs}', 'bench/**/*.ts'],
    // Playwright fixtures receive a `use` callback that is not React's hook.
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-console': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
];

export default config;
