import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', 'test/.work/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', __dirname: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Core is compiled into the n8n package: it must run under n8n's community-node rules.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'process',
        'globalThis',
        'setTimeout',
        'setInterval',
        'setImmediate',
        'clearTimeout',
        'clearInterval',
        '__dirname',
        '__filename',
        'require',
        'Buffer',
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!\\.|node:crypto$|crypto$)', message: 'core imports only node:crypto and relative paths' },
          ],
        },
      ],
    },
  },
  {
    // The simulator reads the reference on its own (its rule table in src/rules); core is what it must be able to catch.
    files: ['packages/simulator/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@trending/core',
              allowTypeImports: true,
              message: 'the simulator takes no values from core: state the rule in packages/simulator/src/rules',
            },
          ],
        },
      ],
    },
  },
);
