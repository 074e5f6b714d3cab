import { benchGateway } from "./gateway";
console.log(await benchGateway());
