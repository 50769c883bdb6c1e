package dev.seva.simulator.standin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests against one embedded stand-in with the default test configuration, shared by the class's tests. */
abstract class StandInTest {

    static final String MESSAGES = "/v23.0/106540352242922/messages";

    static GraphApiStandIn meta;
    static Http http;

    @BeforeAll
    static void startStandIn() {
        meta = GraphApiStandIn.start(0, StandInConfig.defaults());
        http = new Http(meta.baseUrl());
    }

    @AfterAll
    static void stopStandIn() {
        meta.close();
    }
}
