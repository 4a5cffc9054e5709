import type { Resolvers } from '../generated/graphql.js';
import { freshForSeconds, isStale } from '../sources/cached.js';
import { describeWmoCode } from '../sources/wmo.js';
import { limits, requireRange, requireText } from './validate.js';

/** `weather`: geocode, then forecast; both through the request's loaders. */
export const weatherResolvers: Resolvers = {
  Query: {
    async weather(_, args, { loaders, freshness }) {
      const location = requireText('location', args.location);
      const days = requireRange('days', args.days ?? 3, 1, limits.maxDays);
      const geocoded = await loaders.geocode.load(location);
      const { place } = geocoded;
      const forecast = await loaders.forecast.load({
        latitude: place.latitude,
        longitude: place.longitude,
        days,
      });
      freshness.restrict(Math.min(freshForSeconds(geocoded), freshForSeconds(forecast)));
      return { place, forecast };
    },
  },
  Weather: {
    location: ({ place }) => place,
    current: ({ forecast }) => forecast.current,
    daily: ({ forecast }) => forecast.daily,
    provider: ({ forecast }) => forecast.provider,
    attribution: ({ forecast }) => forecast.attribution,
    fetchedAt: ({ forecast }) => forecast.fetchedAt,
    stale: ({ forecast }) => isStale(forecast),
  },
  Location: {
    region: ({ admin1 }) => admin1,
  },
  CurrentWeather: {
    description: ({ weatherCode }) => describeWmoCode(weatherCode),
  },
  DailyWeather: {
    description: ({ weatherCode }) => describeWmoCode(weatherCode),
  },
};
