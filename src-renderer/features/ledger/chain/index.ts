export { ChainCheck } from './ChainCheck';
