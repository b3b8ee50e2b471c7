; Byzantine consensus with anonymous processes that broadcast their state: 4 processes, 1 Byzantine (no state, sends anything or nothing to anyone), 3 round(s), 3 states. Agreement among correct processes; if every correct process starts with v, they decide v.
(set-info :processes 4)
(set-info :faulty 1)
(set-info :faults byzantine)
(set-info :losses 0)
(set-info :rounds 3)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 3)
(set-info :round-aware false)
(set-info :expect unrealizable)

(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (=> (correct i) (= (input i) v)))
        (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))
(assert agreement)
(assert validity)
