import { describeFaultScenario } from "./eventHubsFaultScenario";

describeFaultScenario("SQLite store");
