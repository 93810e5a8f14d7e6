// The App Runner data sources: read-only look-ups of existing services, auto scaling
// configurations and connections, with the same attributes as the resources.
export { autoScalingDataSource } from './auto-scaling.js';
export { connectionDataSource } from './connection.js';
export { serviceDataSource } from './service.js';
