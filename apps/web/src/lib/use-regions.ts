import { useQuery } from '@tanstack/react-query';
import { api } from './api';

/** A city with its counties, or a county, as GET /api/regions lists them. */
export interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}

/** GET /api/regions: Shandong's current cities with their counties (public, cached for the session). */
export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => api.get<RegionNode[]>('/api/regions', undefined, { on401: 'throw' }),
    staleTime: Infinity,
  });
}
