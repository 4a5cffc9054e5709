// Monaco's editor, JSON and GraphQL workers, bundled by Vite as files on this origin (no CDN).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './page.css';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultQuery } from './default-query';
import { createSameOriginFetcher } from './fetcher';
import { SchemaFollowsHeaders } from './schema-follows-headers';

const fetcher = createSameOriginFetcher('/graphql');

// `?query=` (and `?variables=`) open a tab with that operation, so a link can share a query.
// Not headers: an API key in a URL ends up in history and logs.
const params = new URLSearchParams(window.location.search);

const container = document.getElementById('graphiql');
if (!container) throw new Error('index.html has no #graphiql element');

createRoot(container).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={defaultQuery}
      initialQuery={params.get('query') ?? undefined}
      initialVariables={params.get('variables') ?? undefined}
      // Keys typed in Headers stay in this tab's memory, never in localStorage.
      shouldPersistHeaders={false}
    >
      <SchemaFollowsHeaders />
    </GraphiQL>
  </StrictMode>,
);
