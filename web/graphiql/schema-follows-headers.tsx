import { pick, useGraphiQL, useGraphiQLActions } from '@graphiql/react';
import { useEffect } from 'react';

/** How long the Headers editor must be still before the schema is fetched again. */
const SETTLE_MS = 400;

/**
 * Fetches the schema again whenever the Headers editor changes (once it settles, and only for
 * valid JSON), so typing `{"Authorization": "Bearer <key>"}` is enough when the gateway has API
 * keys. GraphiQL introspects once on mount, before its Headers editor exists, so that first
 * request never carries a key; without this the docs and completion stay empty until the user
 * finds the "Re-fetch GraphQL schema" button. Renders nothing.
 */
export function SchemaFollowsHeaders(): null {
  const { headerEditor } = useGraphiQL(pick('headerEditor'));
  const { introspect } = useGraphiQLActions();
  useEffect(() => {
    if (!headerEditor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = headerEditor.getValue();
    const subscription = headerEditor.onDidChangeModelContent(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const headers = headerEditor.getValue();
        if (headers === last || !isJsonObjectOrEmpty(headers)) return;
        last = headers;
        void introspect();
      }, SETTLE_MS);
    });
    return () => {
      clearTimeout(timer);
      subscription.dispose();
    };
  }, [headerEditor, introspect]);
  return null;
}

function isJsonObjectOrEmpty(text: string): boolean {
  if (!text.trim()) return true;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
