import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed resolvers against the source model (mappers), and the typed client (`src/client`) over the
 * repo's operations, which the console, the example and the tests all use. Output is committed;
 * `npm run codegen:check` fails on any drift.
 */
const config: CodegenConfig = {
  schema: './schema.graphql',
  emitLegacyCommonJSImports: false,
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useIndexSignature: true,
        useTypeImports: true,
        contextType: '../context.js#Context',
        // Model types share names with GraphQL types (Quote, Article…): import them with a suffix.
        mapperTypeSuffix: 'Model',
        enumsAsTypes: true,
        scalars: {
          DateTime: { input: 'string', output: 'string | Date' },
          Date: { input: 'string', output: 'string' },
        },
        mappers: {
          Weather: '../sources/model.js#WeatherModel',
          Location: '../sources/model.js#Place',
          CurrentWeather: '../sources/model.js#CurrentConditions',
          DailyWeather: '../sources/model.js#DailyForecast',
          Article: '../sources/model.js#Article',
          Quote: '../sources/model.js#Quote',
          ExchangeRate: '../sources/model.js#ExchangeRate',
          Passage: '../sources/model.js#Passage',
          IngestResult: '../sources/model.js#IngestResult',
          Answer: '../answer/types.js#AnswerModel',
          GateResult: '../gates/types.js#GateResult',
        },
      },
    },
    // The typed client a frontend uses (the console, `npm run example`, the tests): GraphQL Code
    // Generator's client preset over the repo's operations. Documents are strings (no graphql-js in a browser
    // bundle), fragments unmasked so a component reads what its query selected.
    'src/client/generated/': {
      documents: 'operations/*.graphql',
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Date: 'string' },
      },
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
