package dev.seva.simulator.standin;

import dev.seva.simulator.standin.razorpay.Razorpay;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stand-in for Meta's Graph API (messages, media) that also posts Meta-shaped, signed webhooks: the
 * core of whatsapp-simulator, free of Quarkus so that other modules' tests and the benchmarks start it
 * embedded:
 *
 * <pre>{@code
 * try (GraphApiStandIn meta = GraphApiStandIn.start(0, StandInConfig.defaults())) {
 *     // point the code under test at meta.baseUrl() with token "test-access-token"
 *     meta.sentTo("919876543210");            // what was sent, bodies exactly as received
 *     meta.faults().apply(FaultSettings.failNext(3, 130429));
 * }
 * }</pre>
 *
 * It also plays WhatsApp Payments (India, PG mode: {@code order_details}, {@code order_status}, the payment
 * lookup and refunds) and Razorpay ({@link #razorpay()}, served under {@code /razorpay/v1}).
 * The whatsapp-simulator application mounts the same routes on Quarkus' router ({@link #mount}).
 */
public final class GraphApiStandIn implements AutoCloseable {

    private static final int BODY_LIMIT = 110 * 1024 * 1024;

    private final StandInConfig config;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Conversations conversations;
    private final MediaStore media;
    private final Faults faults;
    private final RequestJournal journal = new RequestJournal(20_000);
    private final WebhookSender webhooks;
    private final StatusReporter statuses;
    private final CitizenMessages citizens;
    private final Orders orders;
    private final Razorpay razorpay;
    private final CitizenPayments payments;
    private final List<Consumer<LoggedMessage>> listeners = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile String baseUrl;

    private GraphApiStandIn(Vertx vertx, boolean ownsVertx, StandInConfig config) {
        this.config = config;
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.conversations = new Conversations(config.messageLogCapacity());
        this.media = new MediaStore(config.mediaCapacityBytes());
        this.faults = new Faults(config.faults());
        this.webhooks = config.webhookUrl() == null ? null
                : new WebhookSender(vertx, config.webhookUrl(), config.appSecret(), config.webhookDelivery());
        this.statuses = new StatusReporter(vertx, config, conversations, webhooks);
        this.citizens = new CitizenMessages(config, conversations, media, webhooks);
        this.baseUrl = config.publicBaseUrl();
        this.orders = new Orders(config.payments().orderCapacity());
        this.razorpay = new Razorpay(vertx, config.razorpay(), () -> baseUrl);
        this.payments = new CitizenPayments(vertx, config, orders, razorpay, webhooks);
    }

    /** Starts the stand-in on its own Vert.x and HTTP server at 127.0.0.1:{@code port} (0: a free port). */
    public static GraphApiStandIn start(int port, StandInConfig config) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
        GraphApiStandIn standIn = new GraphApiStandIn(vertx, true, config);
        Router router = Router.router(vertx);
        standIn.routes(router);
        try {
            standIn.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("The Graph API stand-in could not listen on port " + port, e);
        }
        if (standIn.baseUrl == null) {
            standIn.baseUrl = "http://127.0.0.1:" + standIn.server.actualPort();
        }
        return standIn;
    }

    /** Adds the stand-in's routes to a router someone else serves (the Quarkus application); media URLs use {@code publicBaseUrl}. */
    public static GraphApiStandIn mount(Vertx vertx, Router router, StandInConfig config) {
        if (config.publicBaseUrl() == null) {
            throw new IllegalArgumentException("A mounted stand-in needs publicBaseUrl for its media URLs");
        }
        GraphApiStandIn standIn = new GraphApiStandIn(vertx, false, config);
        standIn.routes(router);
        return standIn;
    }

    private void routes(Router router) {
        BodyHandler bodies = BodyHandler.create(System.getProperty("java.io.tmpdir") + "/seva-simulator-uploads")
                .setBodyLimit(BODY_LIMIT).setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(true);
        new AdminRoutes(this).mount(router, bodies);
        GraphApiRoutes graph = new GraphApiRoutes(this, vertx);
        graph.mount(router, bodies);
        new PaymentRoutes(this, graph).mount(router, bodies);
        new MediaRoutes(this, graph).mount(router, bodies);
        razorpay.mount(router, bodies);
    }

    /** Where the Graph API is served, e.g. {@code http://127.0.0.1:41234} (the base URL for {@code /v23.0/{id}/messages}). */
    public String baseUrl() {
        return baseUrl;
    }

    /** The port of the embedded server (-1 when mounted). */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    public StandInConfig config() {
        return config;
    }

    /** What the platform sent to this citizen (wa_id or user id), oldest first. */
    public List<LoggedMessage> sentTo(String citizen) {
        return conversations.sentTo(citizen);
    }

    public Conversations conversations() {
        return conversations;
    }

    public MediaStore media() {
        return media;
    }

    public Faults faults() {
        return faults;
    }

    /** The latest Graph API calls, accepted or refused, oldest first. */
    public List<ApiCall> requests(int limit) {
        return journal.latest(limit);
    }

    /** How many Graph API calls were answered with this HTTP status (e.g. 429) since the start or the last reset. */
    public long answered(int status) {
        return journal.answered(status);
    }

    /** Called (on an event loop: be quick) for every message accepted. */
    public void onAccepted(Consumer<LoggedMessage> listener) {
        listeners.add(listener);
    }

    /** The citizen's side, for Java callers: what {@code POST /simulator/citizens/{citizen}/messages} does. Returns the wamid. */
    public String citizenSends(String citizen, CitizenMessage message) {
        return citizens.send(citizen, message).message().wamid();
    }

    /** The Razorpay stand-in served under {@code /razorpay/v1} (base URL {@code baseUrl() + "/razorpay/v1"}). */
    public Razorpay razorpay() {
        return razorpay;
    }

    /**
     * The citizen pays an {@code order_details} message, as {@code POST /simulator/citizens/{citizen}/payments}
     * does; answers the gateway payment id ({@code pay_…}) of the attempt.
     *
     * @throws IllegalArgumentException when the order is unknown or cannot be paid (with the reason)
     */
    public String citizenPays(String citizen, CitizenPayment payment) {
        try {
            return payments.pay(citizen, payment).pgTransactionId();
        } catch (CitizenPayments.Refused e) {
            throw new IllegalArgumentException(e.type + ": " + e.getMessage());
        }
    }

    /** Forgets messages, media, calls, orders and Razorpay's state; faults go back to the configured ones. */
    public void reset() {
        orders.clear();
        payments.clear();
        razorpay.reset();
        conversations.clear();
        media.clear();
        journal.clear();
        faults.reset();
        faults.apply(config.faults());
    }

    /** Webhooks the receiver answered 2xx, and webhooks given up after every attempt. */
    public long[] webhookCounts() {
        return webhooks == null ? new long[] {0, 0} : new long[] {webhooks.delivered(), webhooks.abandoned()};
    }

    @Override
    public void close() {
        razorpay.close();
        if (webhooks != null) {
            webhooks.close();
        }
        if (server != null) {
            server.close();
        }
        if (ownsVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing is best effort
            }
        }
    }

    StatusReporter statuses() {
        return statuses;
    }

    CitizenMessages citizens() {
        return citizens;
    }

    Orders orders() {
        return orders;
    }

    CitizenPayments payments() {
        return payments;
    }

    RequestJournal journal() {
        return journal;
    }

    void notifyAccepted(LoggedMessage message) {
        for (Consumer<LoggedMessage> listener : listeners) {
            listener.accept(message);
        }
    }
}
