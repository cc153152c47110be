package ke.co.datacare.whatsapp.app.setup;

/** One item of the setup check: what was checked, how it stands, and what to do about it. */
record CheckResult(String name, Status status, String detail) {

    enum Status {
        OK, WARNING, FAILED
    }

    static CheckResult ok(String name, String detail) {
        return new CheckResult(name, Status.OK, detail);
    }

    static CheckResult warning(String name, String detail) {
        return new CheckResult(name, Status.WARNING, detail);
    }

    static CheckResult failed(String name, String detail) {
        return new CheckResult(name, Status.FAILED, detail);
    }
}
