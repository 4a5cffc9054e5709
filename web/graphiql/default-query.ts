/** The first tab's query on a first visit: one request that shows what the gateway does. */
export const defaultQuery = `# Sluice: one GraphQL API over live weather, news, finance and document search.
#
# Run with Ctrl-Enter or the ▶ button; open the Docs (book icon) for the schema.
# When the gateway has API keys (API_KEYS), add this under Headers below:
#   {"Authorization": "Bearer <key>"}

query Overview {
  weather(location: "Paris", days: 2) {
    location {
      name
      region
      country
    }
    current {
      temperatureC
      description
    }
    daily {
      date
      minC
      maxC
      description
    }
    provider
    attribution
  }
  quotes(symbols: ["AAPL", "BTC-USD", "EURUSD=X"]) {
    symbol
    price
    currency
    changePercent
    provider
  }
  answer(question: "What is the weather in Paris, and how is Apple's stock doing?") {
    status
    text
    model
    citations {
      index
      source
      title
    }
    gates {
      name
      stage
      status
      message
    }
  }
}
`;
