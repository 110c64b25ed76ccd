package com.goafwatch.system;

import org.springframework.context.SmartLifecycle;

/**
 * A background loop on its own daemon thread, started and stopped with the application context (the
 * spool drainer, the threshold scheduler, the notification dispatcher). {@link #work()} runs until
 * {@link #running()} turns false; stopping also interrupts the thread, so waits end at once.
 */
public abstract class WorkerThread implements SmartLifecycle {

    private final String name;
    private volatile boolean running;
    private volatile Thread thread;

    protected WorkerThread(String name) {
        this.name = name;
    }

    /** The loop; return when {@link #running()} is false or the thread was interrupted. */
    protected abstract void work();

    protected boolean running() {
        return running;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::work, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
