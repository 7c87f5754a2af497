export { buildGraph, type GraphInput, type GraphResult } from './checks.js';
export { LayerGraph, byName } from './layer-graph.js';
export { isLayerReference, isPinned, parseBaseRef, parseExternal } from './refs.js';
