// The pinned tool paths live with the simulator (production code must not import from test/).
export { toolPaths } from '../../simulator/tools';
