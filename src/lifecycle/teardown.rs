//! What a widget callback returns: the work that undoes it, run exactly once.

/// Something that undoes what a widget callback set up.
///
/// `init_lead` and `widgets_bar_slot` return a value of a type implementing `Teardown`; the
/// runtime keeps it and runs it exactly once, when the host leaves the lead or destroys the
/// slot (or when the runtime does so on the host's behalf). Implemented for:
///
/// - closures `FnOnce() + 'static` (called),
/// - `()` (nothing to undo),
/// - [`Subscription`](crate::Subscription) guards (dropped: unsubscribed),
/// - any guard whose `Drop` is its teardown (a Leptos `UnmountHandle`, a handle from another
///   crate), through the one wrapper [`OnDrop`],
/// - `Option<T>` (only `Some` is torn down), `Vec<T>` and tuples up to eight elements (torn down
///   in order), `Box<dyn Teardown>` (for mixed types),
/// - with the `gloo` feature, `gloo_events::EventListener` and `gloo_timers` `Timeout`/`Interval`
///   (dropped, which removes the listener or clears the timer).
///
/// A `Result` is deliberately not a teardown: a failure inside a callback is returned with `?`
/// (and logged), never silently dropped inside a tuple of teardowns.
///
/// ```
/// use amocrm_widget::lifecycle::{OnDrop, Teardown};
/// use std::cell::Cell;
/// use std::rc::Rc;
///
/// let ran = Rc::new(Cell::new(0));
/// let counter = ran.clone();
/// let teardown = (move || counter.set(counter.get() + 1), (), Some(OnDrop(String::new())));
/// Box::new(teardown).teardown();
/// assert_eq!(ran.get(), 1);
/// ```
pub trait Teardown: 'static {
    /// Runs the teardown, consuming it so that it cannot run twice.
    fn teardown(self: Box<Self>);
}

impl<F: FnOnce() + 'static> Teardown for F {
    fn teardown(self: Box<Self>) {
        (*self)()
    }
}

impl Teardown for () {
    fn teardown(self: Box<Self>) {}
}

/// Adapts any value whose `Drop` is its teardown (a subscription guard, a listener guard, a
/// handle from another crate) into a [`Teardown`]: tearing it down drops it.
///
/// ```
/// use amocrm_widget::lifecycle::{OnDrop, Teardown};
/// let guard = OnDrop(vec![1, 2, 3]);
/// Box::new(guard).teardown(); // dropped here
/// ```
#[derive(Debug)]
pub struct OnDrop<T: 'static>(pub T);

impl<T: 'static> Teardown for OnDrop<T> {
    fn teardown(self: Box<Self>) {
        drop(self)
    }
}

impl Teardown for Box<dyn Teardown> {
    fn teardown(self: Box<Self>) {
        (*self).teardown()
    }
}

/// Dropping the guard unsubscribes.
impl Teardown for crate::Subscription {
    fn teardown(self: Box<Self>) {
        drop(self)
    }
}

impl<T: Teardown> Teardown for Option<T> {
    fn teardown(self: Box<Self>) {
        if let Some(inner) = *self {
            Box::new(inner).teardown()
        }
    }
}

impl<T: Teardown> Teardown for Vec<T> {
    fn teardown(self: Box<Self>) {
        for item in *self {
            Box::new(item).teardown()
        }
    }
}

macro_rules! tuple_teardown {
    ($($name:ident)+) => {
        impl<$($name: Teardown),+> Teardown for ($($name,)+) {
            #[allow(non_snake_case)]
            fn teardown(self: Box<Self>) {
                let ($($name,)+) = *self;
                $(Box::new($name).teardown();)+
            }
        }
    };
}

tuple_teardown!(A);
tuple_teardown!(A B);
tuple_teardown!(A B C);
tuple_teardown!(A B C D);
tuple_teardown!(A B C D E);
tuple_teardown!(A B C D E F);
tuple_teardown!(A B C D E F G);
tuple_teardown!(A B C D E F G H);

#[cfg(feature = "gloo")]
mod gloo_impls {
    use super::Teardown;

    impl Teardown for gloo_events::EventListener {
        fn teardown(self: Box<Self>) {
            drop(self)
        }
    }

    impl Teardown for gloo_timers::callback::Timeout {
        fn teardown(self: Box<Self>) {
            drop(self)
        }
    }

    impl Teardown for gloo_timers::callback::Interval {
        fn teardown(self: Box<Self>) {
            drop(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    type Log = Rc<RefCell<Vec<&'static str>>>;

    fn recorder() -> (Log, impl Fn(&'static str) -> Box<dyn Teardown>) {
        let log: Log = Rc::new(RefCell::new(Vec::new()));
        let l = log.clone();
        (log, move |name| {
            let l = l.clone();
            Box::new(move || l.borrow_mut().push(name)) as Box<dyn Teardown>
        })
    }

    #[test]
    fn composites_tear_down_every_part_once_in_order() {
        let (log, mk) = recorder();
        let t = (
            mk("a"),
            vec![mk("b"), mk("c")],
            Some(mk("d")),
            None::<Box<dyn Teardown>>,
        );
        Box::new(t).teardown();
        assert_eq!(*log.borrow(), ["a", "b", "c", "d"]);
    }

    #[test]
    fn unit_and_none_do_nothing() {
        let (log, mk) = recorder();
        Box::new(((), None::<Box<dyn Teardown>>, Some(mk("some")))).teardown();
        assert_eq!(*log.borrow(), ["some"]);
    }

    #[test]
    fn on_drop_drops() {
        struct Flag(Rc<RefCell<bool>>);
        impl Drop for Flag {
            fn drop(&mut self) {
                *self.0.borrow_mut() = true;
            }
        }
        let dropped = Rc::new(RefCell::new(false));
        Box::new(OnDrop(Flag(dropped.clone()))).teardown();
        assert!(*dropped.borrow());
    }
}
